package com.demarc.evidence.internal;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object stores Demarc can reach: the active one ({@code demarc.evidence.store}, created at start-up so a wrong
 * setting stops the start with what to do) and the others on first use (reading content written before a switch,
 * moving content between stores).
 */
@Component
public class ObjectStores implements DisposableBean {
    private final StoreSettings settings;
    private final Map<String, ObjectStore> stores = new ConcurrentHashMap<>();

    ObjectStores(StoreSettings settings) {
        this.settings = settings;
        if (!settings.store().equals(StoreSettings.POSTGRES)) {
            get(settings.store());
        }
    }

    /** The store new content goes to: postgres, filesystem or s3. */
    public String active() {
        return settings.store();
    }

    /** The object store of that name (filesystem or s3), set up from its settings on first use. */
    public ObjectStore get(String name) {
        return stores.computeIfAbsent(name, n -> switch (n) {
            case StoreSettings.FILESYSTEM -> new FilesystemObjectStore(settings.filesystem().directory());
            case StoreSettings.S3 -> new S3ObjectStore(settings.s3());
            default -> throw new IllegalArgumentException("'" + n + "' is not an object store: use filesystem or s3.");
        });
    }

    @Override
    public void destroy() {
        stores.values().forEach(s -> {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // shutting down
                }
            }
        });
    }
}
