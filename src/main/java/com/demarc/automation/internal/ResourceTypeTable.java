package com.demarc.automation.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The shipped, versioned table {@code catalog/aws-config-resource-types.csv}: which catalog AWS service (by code) an
 * AWS Config resource type belongs to. A type listed with an empty code is known but has no catalog service (IAM).
 */
@Component
public class ResourceTypeTable {
    static final String RESOURCE = "/catalog/aws-config-resource-types.csv";
    private final Map<String, Optional<String>> byType;
    private final String version;

    public ResourceTypeTable() {
        var map = new HashMap<String, Optional<String>>();
        String v = "unversioned";
        try (var in = Objects.requireNonNull(ResourceTypeTable.class.getResourceAsStream(RESOURCE), RESOURCE);
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("# mapping-version:")) {
                    v = line.substring("# mapping-version:".length()).strip();
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                int comma = line.indexOf(',');
                String type = line.substring(0, comma).strip();
                String code = line.substring(comma + 1).strip();
                if (map.put(type, code.isEmpty() ? Optional.empty() : Optional.of(code)) != null) {
                    throw new IllegalStateException(RESOURCE + " lists " + type + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byType = Collections.unmodifiableMap(map);
        this.version = v;
    }

    /** Empty: the type is not in the table; Optional.empty() inside: known, but no catalog service. */
    public @Nullable Optional<String> serviceCode(String resourceType) {
        return byType.get(resourceType);
    }

    /** The catalog service codes AWS Config can see (a service outside this set is never proposed for removal). */
    public java.util.Set<String> visibleServiceCodes() {
        var codes = new java.util.TreeSet<String>();
        byType.values().forEach(o -> o.ifPresent(codes::add));
        return codes;
    }

    public Map<String, Optional<String>> entries() {
        return byType;
    }

    public String version() {
        return version;
    }
}
