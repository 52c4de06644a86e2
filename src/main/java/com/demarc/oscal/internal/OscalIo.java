package com.demarc.oscal.internal;

import com.demarc.oscal.OscalFormat;
import gov.nist.secauto.metaschema.core.configuration.DefaultConfiguration;
import gov.nist.secauto.metaschema.core.model.IBoundObject;
import gov.nist.secauto.metaschema.core.model.constraint.IConstraint;
import gov.nist.secauto.metaschema.core.model.validation.IValidationFinding;
import gov.nist.secauto.metaschema.core.model.validation.IValidationResult;
import gov.nist.secauto.metaschema.core.model.validation.JsonSchemaContentValidator;
import gov.nist.secauto.metaschema.core.model.validation.XmlSchemaContentValidator;
import gov.nist.secauto.metaschema.databind.IBindingContext;
import gov.nist.secauto.metaschema.databind.io.Format;
import gov.nist.secauto.oscal.lib.OscalBindingContext;
import org.json.JSONObject;

import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writing, reading and validating OSCAL documents with liboscal-java: its generated bindings, its serializers for
 * JSON, XML and YAML, the OSCAL JSON/XML schemas it ships and its Metaschema constraint validation.
 */
public final class OscalIo {
    /** The JSON schema (shipped in liboscal-java) for each document's root property. */
    private static final Map<String, String> JSON_SCHEMAS = Map.of(
            "catalog", "schema/json/oscal-catalog_schema.json",
            "profile", "schema/json/oscal-profile_schema.json",
            "component-definition", "schema/json/oscal-component-definition_schema.json",
            "system-security-plan", "schema/json/oscal-ssp_schema.json");

    private OscalIo() {
    }

    public static OscalBindingContext context() {
        return OscalBindingContext.instance();
    }

    static Format format(OscalFormat format) {
        return switch (format) {
            case JSON -> Format.JSON;
            case XML -> Format.XML;
            case YAML -> Format.YAML;
        };
    }

    public static <T extends IBoundObject> byte[] write(T document, Class<T> type, OscalFormat format) {
        var out = new ByteArrayOutputStream();
        try {
            context().newSerializer(format(format), type).serialize(document, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads a document through the bindings; throws IOException (or a runtime exception) on what it cannot read. */
    public static <T extends IBoundObject> T read(byte[] bytes, Class<T> type, OscalFormat format) throws IOException {
        return context().newDeserializer(format(format), type).deserialize(new ByteArrayInputStream(bytes),
                URI.create("urn:demarc:upload." + format.extension()));
    }

    /** The root object of any OSCAL document (catalog, profile, …) as loaded by the library's bound loader. */
    public static IBoundObject load(byte[] bytes) throws IOException {
        return context().newBoundLoader().load(new ByteArrayInputStream(bytes), URI.create("urn:demarc:upload"));
    }

    /**
     * Schema validation (OSCAL's JSON schema or XML schema) and then Metaschema constraint validation, with the
     * documents it refers to (a profile's catalog, an SSP's profile and catalog) laid beside it under their file
     * names. Returns the findings at ERROR or above, each as one line; an empty list means valid.
     */
    public static List<String> validate(byte[] bytes, OscalFormat format, Map<String, byte[]> companions) {
        return validate(bytes, format, companions, true);
    }

    /**
     * As above; without constraints only the schema is checked (used for uploaded profiles, whose constraint
     * validation would fetch the catalogs they import from wherever their href points).
     */
    public static List<String> validate(byte[] bytes, OscalFormat format, Map<String, byte[]> companions,
                                        boolean constraints) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("demarc-oscal-");
            for (var companion : companions.entrySet()) {
                Files.write(dir.resolve(Path.of(companion.getKey()).getFileName().toString()), companion.getValue());
            }
            Path file = dir.resolve("document." + format.extension());
            Files.write(file, bytes);
            IValidationResult schema = schemaValidation(file, format);
            var problems = new ArrayList<>(errors(schema));
            if (problems.isEmpty() && constraints) {
                problems.addAll(errors(context().validateWithConstraints(file.toUri(), new DefaultConfiguration<>())));
            }
            return problems;
        } catch (IOException | RuntimeException e) {
            return List.of("The document could not be read as OSCAL " + format + ": " + e.getMessage());
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static IValidationResult schemaValidation(Path file, OscalFormat format) throws IOException {
        return switch (format) {
            case JSON, YAML -> {
                JSONObject json = format == OscalFormat.JSON
                        ? new JSONObject(Files.readString(file))
                        : yamlAsJson(file);
                String root = json.keySet().stream().filter(JSON_SCHEMAS::containsKey).findFirst()
                        .orElseThrow(() -> new IOException("no OSCAL catalog, profile, component-definition or "
                                + "system-security-plan at the top level"));
                try (InputStream schema = resource(JSON_SCHEMAS.get(root)).openStream()) {
                    yield new JsonSchemaContentValidator(schema).validate(json, file.toUri());
                }
            }
            case XML -> {
                var xsd = resource("schema/xml/oscal-complete_schema.xsd");
                var validator = new XmlSchemaContentValidator(List.of(new StreamSource(xsd.openStream(), xsd.toString())));
                try (InputStream in = Files.newInputStream(file)) {
                    yield validator.validate(in, file.toUri());
                }
            }
        };
    }

    private static JSONObject yamlAsJson(Path file) throws IOException {
        // no implicit timestamps: OSCAL's dates must reach the JSON schema as the strings they are
        var resolver = new org.yaml.snakeyaml.resolver.Resolver() {
            @Override
            public void addImplicitResolver(org.yaml.snakeyaml.nodes.Tag tag, java.util.regex.Pattern regexp,
                                            String first, int limit) {
                if (!org.yaml.snakeyaml.nodes.Tag.TIMESTAMP.equals(tag)) {
                    super.addImplicitResolver(tag, regexp, first, limit);
                }
            }
        };
        var options = new org.yaml.snakeyaml.LoaderOptions();
        var yaml = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options),
                new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, resolver);
        try (var reader = Files.newBufferedReader(file)) {
            Object tree = yaml.load(reader);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new IOException("the YAML holds no mapping at the top level");
            }
            return new JSONObject(map);
        }
    }

    private static URL resource(String path) {
        return Objects.requireNonNull(OscalBindingContext.class.getClassLoader().getResource(path), path);
    }

    private static List<String> errors(IValidationResult result) {
        var lines = new ArrayList<String>();
        for (IValidationFinding f : result.getFindings()) {
            if (f.getSeverity().ordinal() >= IConstraint.Level.ERROR.ordinal()) {
                lines.add((f.getPath() == null ? "" : f.getPath() + ": ") + f.getMessage());
            }
        }
        return lines;
    }

    static IBindingContext binding() {
        return context();
    }
}
