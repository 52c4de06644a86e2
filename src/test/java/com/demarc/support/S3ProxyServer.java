package com.demarc.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3-compatible server for tests: S3Proxy ({@code target/s3proxy/s3proxy.jar}, copied by the build) in its own
 * process with the filesystem backend, on a random loopback port, AWS signature v4 with fixed test keys. The SDK's
 * default credential chain finds the keys as system properties {@code aws.accessKeyId}/{@code aws.secretAccessKey}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "demarc-test";
    public static final String SECRET_KEY = "demarc-test-secret";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final Path dir;
    private final URI endpoint;

    private S3ProxyServer(Process process, Path dir, URI endpoint) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy and creates {@code bucket}; also sets the SDK's credential system properties. */
    public static S3ProxyServer start(String bucket) throws IOException, InterruptedException {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven (it copies org.gaul:s3proxy there)");
        }
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("demarc-s3proxy-");
        Files.createDirectories(dir.resolve("data"));
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data"),
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        var server = new S3ProxyServer(process, dir, URI.create("http://127.0.0.1:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (var s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    server.close();
                    throw new IllegalStateException("S3Proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                Thread.sleep(100);
            }
        }
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try (var client = server.client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The data directory of the filesystem backend (one folder per bucket). */
    public Path dataDirectory() {
        return dir.resolve("data");
    }

    /**
     * A client of its own (path-style, the test keys). Checksums only when an operation requires them: S3Proxy (seen
     * with 2.6) refuses the SDK's default streaming upload with a trailing CRC ("x-amz-content-sha256 ... does not match").
     */
    public S3Client client() {
        return S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.of(REGION))
                .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }
}
