package com.demarc.evidence.internal;

import com.demarc.support.DemarcTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The filesystem evidence store on a real directory. */
@DemarcTest
class FilesystemEvidenceStoreTest extends EvidenceStoreContract {
    static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("demarc-evidence-fs-");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("demarc.evidence.store", () -> "filesystem");
        registry.add("demarc.evidence.filesystem.directory", DIR::toString);
    }

    @Override
    String storeName() {
        return "filesystem";
    }

    @Override
    void overwrite(String key, byte[] bytes) throws IOException {
        Files.write(DIR.resolve(key), bytes);
    }
}
