package com.demarc.evidence.internal;

import com.demarc.support.DemarcTest;
import com.demarc.support.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The s3 evidence store against a real S3 API server (S3Proxy in its own process, filesystem backend): the store
 * contract, plus what only S3 has (multipart uploads with per-part SHA-256, the object's sha256 metadata), with
 * per-request checksums on: the server checks each request's {@code x-amz-checksum-sha256}, refuses a wrong one and
 * answers the kept checksum to HEAD with checksum mode. Server-side encryption, which S3Proxy does not implement (501),
 * is asserted on the wire in {@link S3RequestHeadersTest}.
 */
@Tag("s3")
@DemarcTest
class S3EvidenceStoreTest extends EvidenceStoreContract {
    static final String BUCKET = "demarc-evidence";
    static S3ProxyServer server;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws Exception {
        if (server == null) {
            server = S3ProxyServer.start(BUCKET);
        }
        registry.add("demarc.evidence.store", () -> "s3");
        registry.add("demarc.evidence.s3.bucket", () -> BUCKET);
        registry.add("demarc.evidence.s3.region", () -> S3ProxyServer.REGION);
        registry.add("demarc.evidence.s3.endpoint", () -> server.endpoint().toString());
        registry.add("demarc.evidence.s3.path-style-access", () -> "true");
        registry.add("demarc.evidence.s3.part-size", () -> "5MB");
        // checksums on (the default): S3Proxy 4.1 checks x-amz-checksum-sha256 and keeps it, as S3 does (2.6 answered 501)
    }

    @AfterAll
    static void stop() {
        // the Spring context is cached by the test framework; its S3 client fails quietly once the server is gone
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    String storeName() {
        return "s3";
    }

    @Override
    void overwrite(String key, byte[] bytes) {
        try (var client = server.client()) {
            client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
        }
    }

    @Test
    @WithUserDetails("alice")
    void aFileLargerThanOnePartGoesAsAMultipartUploadWithItsHashKept() throws Exception {
        long size = 12L * 1024 * 1024 + 12345; // 3 parts of 5 MB
        var row = fixtures.row(fixtures.project("Payments", "Store", "EC2", "S3"), "SRM-IAM-02");
        var item = evidence.upload(row.id(), null, "large.pdf", com.demarc.support.TestFiles.pdfOfSize(size), null, null, null);
        var v = item.current();
        assertThat(v.size()).isEqualTo(size);
        String key = jdbc.queryForObject("select c.object_key from evidence_content c join evidence_version v on v.content_id = c.id where v.id = ?",
                String.class, v.id());
        try (var client = server.client()) {
            var head = client.headObject(b -> b.bucket(BUCKET).key(key));
            assertThat(head.contentLength()).isEqualTo(size);
            assertThat(head.metadata()).containsEntry("sha256", v.sha256());
        }
        assertThat(evidence.verify(v.id()).intact()).isTrue();
        var sha = PostgresEvidenceStore.sha256();
        try (var in = evidence.download(v.id()).content().open()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(v.sha256());
        evidence.delete(item.id());
    }

    @Test
    void aSinglePartUploadKeepsItsSha256WithTheObject() throws IOException {
        byte[] bytes = com.demarc.support.TestFiles.pdf("checksum");
        var written = objectStore().write(ObjectStore.PENDING_PREFIX + "checksum-test", new ByteArrayInputStream(bytes), 1 << 20);
        try (var client = server.client()) {
            var head = client.headObject(b -> b.bucket(BUCKET).key(ObjectStore.PENDING_PREFIX + "checksum-test")
                    .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED));
            assertThat(head.metadata()).containsEntry("sha256", written.sha256());
            assertThat(head.contentLength()).isEqualTo(bytes.length);
            // the checksum the store sent, checked and kept by the server: the file's SHA-256
            assertThat(head.checksumSHA256()).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString(HexFormat.of().parseHex(written.sha256())));
            // and a request whose checksum does not match its bytes is refused, nothing stored under its key
            var wrong = java.util.Base64.getEncoder().encodeToString(new byte[32]);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.putObject(b -> b.bucket(BUCKET)
                            .key(ObjectStore.PENDING_PREFIX + "wrong-checksum").checksumSHA256(wrong), RequestBody.fromBytes(bytes)))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.headObject(b -> b.bucket(BUCKET)
                    .key(ObjectStore.PENDING_PREFIX + "wrong-checksum")))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.NoSuchKeyException.class);
        }
        objectStore().delete(ObjectStore.PENDING_PREFIX + "checksum-test");
    }
}
