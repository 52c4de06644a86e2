package com.demarc.evidence.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the s3 store puts on the wire, seen by a local HTTP server that plays the S3 endpoint just enough for the real
 * AWS SDK: the server-side encryption headers ({@code demarc.evidence.s3.server-side-encryption}, which S3Proxy
 * answers with 501, so {@link S3EvidenceStoreTest} cannot cover it) on PutObject, CreateMultipartUpload and the copy
 * that makes content current; and that a checksum refusal (S3's 400 BadDigest) is an error, never a stored object.
 * That S3 itself checks the checksum is tested against S3Proxy 4.1 in {@link S3EvidenceStoreTest}.
 */
class S3RequestHeadersTest {
    /** One request as the endpoint received it: method, path with query, headers (lower-case names), body size. */
    record Seen(String method, String path, Map<String, String> headers, int bodyBytes) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile boolean badDigest;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        System.setProperty("aws.accessKeyId", "demarc-test");
        System.setProperty("aws.secretAccessKey", "demarc-test-secret");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aes256IsSentOnEveryWriteWithTheFilesSha256() throws Exception {
        byte[] file = "least-privilege review, signed".getBytes(StandardCharsets.UTF_8);
        try (var store = store("AES256", null)) {
            var written = store.write(ObjectStore.PENDING_PREFIX + "k1", new ByteArrayInputStream(file), 1 << 20);
            store.move(ObjectStore.PENDING_PREFIX + "k1", "objects/k1", written.sha256());

            var put = only("PUT", "/evidence/pending/k1");
            assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("AES256");
            assertThat(put.header("x-amz-server-side-encryption-aws-kms-key-id")).isNull();
            assertThat(put.header("x-amz-checksum-sha256")).as("the checksum S3 verifies").isEqualTo(sha256Base64(file));
            assertThat(put.header("x-amz-meta-sha256")).isEqualTo(written.sha256());
            var copy = only("PUT", "/evidence/objects/k1");
            assertThat(copy.header("x-amz-copy-source")).contains("pending/k1");
            assertThat(copy.header("x-amz-server-side-encryption")).as("the current object stays encrypted").isEqualTo("AES256");
        }
    }

    @Test
    void awsKmsWithAKeyIdIsSentOnSinglePutsAndMultipartUploads() throws Exception {
        String key = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        byte[] large = new byte[5 * 1024 * 1024 + 100]; // two parts of the 5 MB minimum
        new Random(17).nextBytes(large);
        try (var store = store("aws:kms", key)) {
            store.write(ObjectStore.PENDING_PREFIX + "small", new ByteArrayInputStream(new byte[]{1, 2, 3}), 1 << 20);
            store.write(ObjectStore.PENDING_PREFIX + "large", new ByteArrayInputStream(large), 64L << 20);
        }
        var put = only("PUT", "/evidence/pending/small");
        assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(key);
        var create = only("POST", "/evidence/pending/large?uploads");
        assertThat(create.header("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(create.header("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(key);
        assertThat(create.header("x-amz-checksum-algorithm")).isEqualTo("SHA256");
        var parts = seen.stream().filter(s -> s.method().equals("PUT") && s.path().contains("partNumber=")).toList();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).header("x-amz-checksum-sha256"))
                .isEqualTo(sha256Base64(java.util.Arrays.copyOf(large, 5 * 1024 * 1024)));
        assertThat(parts.get(1).header("x-amz-checksum-sha256"))
                .isEqualTo(sha256Base64(java.util.Arrays.copyOfRange(large, 5 * 1024 * 1024, large.length)));
    }

    @Test
    void withoutTheSettingNoEncryptionHeaderIsSent() throws Exception {
        try (var store = store(null, null)) {
            store.write(ObjectStore.PENDING_PREFIX + "plain", new ByteArrayInputStream(new byte[]{4, 5}), 1 << 20);
        }
        assertThat(only("PUT", "/evidence/pending/plain").header("x-amz-server-side-encryption"))
                .as("the bucket's default encryption applies").isNull();
    }

    @Test
    void aChecksumRefusalIsAnErrorAndNothingIsCopiedToCurrent() throws Exception {
        badDigest = true;
        try (var store = store(null, null)) {
            assertThatThrownBy(() -> store.write(ObjectStore.PENDING_PREFIX + "bad", new ByteArrayInputStream(new byte[]{9}), 1 << 20))
                    .isInstanceOf(IOException.class).hasMessageContaining("did not match the calculated checksum")
                    .hasMessageContaining("Status Code: 400");
        }
        assertThat(seen).as("no copy to objects/ after a refused write")
                .noneMatch(s -> s.path().startsWith("/evidence/objects/"));
    }

    @Test
    void anUnknownEncryptionIsRefusedAtStartWithWhatToSet() {
        assertThatThrownBy(() -> store("AES128", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use AES256 or aws:kms");
    }

    private S3ObjectStore store(String sse, String kmsKeyId) {
        return new S3ObjectStore(new StoreSettings.S3("evidence", "eu-central-1",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), true, sse, kmsKeyId,
                DataSize.ofMegabytes(5), true));
    }

    private Seen only(String method, String path) {
        var hits = seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
        assertThat(hits).as(method + " " + path + " among " + seen.stream().map(s -> s.method() + " " + s.path()).toList())
                .hasSize(1);
        return hits.getFirst();
    }

    private static String sha256Base64(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Answers as S3 does, as far as the SDK needs it: ETags, the multipart XML, the copy result. */
    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        seen.add(new Seen(exchange.getRequestMethod(), path, headers, body.length));
        String xml = null;
        int status = 200;
        if (badDigest && headers.containsKey("x-amz-checksum-sha256")) {
            status = 400;
            xml = "<Error><Code>BadDigest</Code><Message>The SHA256 you specified did not match the calculated checksum."
                    + "</Message></Error>";
        } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("?uploads")) {
            xml = "<InitiateMultipartUploadResult><Bucket>evidence</Bucket><Key>k</Key><UploadId>upload-1</UploadId>"
                    + "</InitiateMultipartUploadResult>";
        } else if (exchange.getRequestMethod().equals("POST") && path.contains("uploadId=")) {
            xml = "<CompleteMultipartUploadResult><Bucket>evidence</Bucket><Key>k</Key><ETag>\"done-2\"</ETag>"
                    + "</CompleteMultipartUploadResult>";
        } else if (headers.containsKey("x-amz-copy-source")) {
            xml = "<CopyObjectResult><ETag>\"copied\"</ETag><LastModified>2026-12-01T00:00:00.000Z</LastModified></CopyObjectResult>";
        } else if (exchange.getRequestMethod().equals("DELETE")) {
            status = 204;
        }
        exchange.getResponseHeaders().add("ETag", "\"etag-" + seen.size() + "\"");
        exchange.getResponseHeaders().add("x-amz-request-id", "req-" + seen.size());
        if (xml == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] out = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }
}
