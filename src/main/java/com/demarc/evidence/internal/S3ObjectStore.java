package com.demarc.evidence.internal;

import com.demarc.evidence.EvidenceLimits;
import com.demarc.evidence.EvidenceRefused;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Evidence objects in an S3 bucket (AWS SDK for Java v2; credentials from the SDK's default provider chain). Uploads
 * stream: a file below the part size is one PutObject, a larger one a multipart upload holding one part in memory;
 * each request carries the SHA-256 of its bytes ({@code x-amz-checksum-sha256}), which S3 checks, and the final
 * object keeps the whole file's SHA-256 as metadata {@code sha256}. Optional server-side encryption.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final int partSize;
    private final ServerSideEncryption sse;
    private final String kmsKeyId;
    private final boolean checksums;

    public S3ObjectStore(StoreSettings.S3 settings) {
        if (!settings.configured()) {
            throw new IllegalStateException("The s3 evidence store needs demarc.evidence.s3.bucket (and the region, "
                    + "demarc.evidence.s3.region or AWS_REGION): set them, or use demarc.evidence.store=postgres.");
        }
        var builder = S3Client.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofMinutes(2)))
                .forcePathStyle(settings.pathStyleAccess())
                // the checksum is the SHA-256 computed here, sent as a header; no trailing CRC of the SDK's own
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region().strip()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.s3 = builder.build();
        this.bucket = settings.bucket().strip();
        this.checksums = settings.checksums();
        this.partSize = (int) Math.min(settings.partSize().toBytes(), 512L * 1024 * 1024);
        String encryption = settings.serverSideEncryption();
        this.sse = encryption == null || encryption.isBlank() ? null : ServerSideEncryption.fromValue(encryption.strip());
        if (sse == ServerSideEncryption.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalStateException("demarc.evidence.s3.server-side-encryption=" + encryption
                    + " is not known: use AES256 or aws:kms (with demarc.evidence.s3.kms-key-id), or leave it empty.");
        }
        this.kmsKeyId = settings.kmsKeyId() == null || settings.kmsKeyId().isBlank() ? null : settings.kmsKeyId().strip();
    }

    @Override
    public String name() {
        return StoreSettings.S3;
    }

    public String bucket() {
        return bucket;
    }

    @Override
    public Written write(String key, InputStream in, long maxBytes) throws IOException {
        var whole = PostgresEvidenceStore.sha256();
        byte[] buffer = new byte[partSize];
        int n = in.readNBytes(buffer, 0, partSize);
        if (n == 0) {
            throw new EvidenceRefused("The file is empty: nothing was stored. Choose the file that holds the evidence.");
        }
        refuseAbove(n, maxBytes);
        whole.update(buffer, 0, n);
        if (n < partSize) {
            String hex = HexFormat.of().formatHex(whole.digest());
            var put = PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) n)
                    .metadata(Map.of("sha256", hex));
            if (checksums) {
                put.checksumSHA256(base64(hex));
            }
            encrypt(put);
            call(() -> s3.putObject(put.build(), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, n))));
            return new Written(n, hex);
        }
        var create = CreateMultipartUploadRequest.builder().bucket(bucket).key(key);
        if (checksums) {
            create.checksumAlgorithm(ChecksumAlgorithm.SHA256);
        }
        if (sse != null) {
            create.serverSideEncryption(sse);
            if (kmsKeyId != null) {
                create.ssekmsKeyId(kmsKeyId);
            }
        }
        String uploadId = call(() -> s3.createMultipartUpload(create.build())).uploadId();
        var parts = new ArrayList<CompletedPart>();
        long total = 0;
        try {
            int length = n;
            while (length > 0) {
                total += length;
                refuseAbove(total, maxBytes);
                if (parts.size() > 0) {
                    whole.update(buffer, 0, length);
                }
                var partSha = PostgresEvidenceStore.sha256();
                partSha.update(buffer, 0, length);
                String partChecksum = Base64.getEncoder().encodeToString(partSha.digest());
                int number = parts.size() + 1;
                final int partLength = length;
                var body = RequestBody.fromInputStream(new java.io.ByteArrayInputStream(buffer, 0, partLength), partLength);
                var part = UploadPartRequest.builder().bucket(bucket).key(key)
                        .uploadId(uploadId).partNumber(number).contentLength((long) partLength);
                if (checksums) {
                    part.checksumSHA256(partChecksum);
                }
                var response = call(() -> s3.uploadPart(part.build(), body));
                var completed = CompletedPart.builder().partNumber(number).eTag(response.eTag());
                if (checksums) {
                    completed.checksumSHA256(response.checksumSHA256() == null ? partChecksum : response.checksumSHA256());
                }
                parts.add(completed.build());
                length = in.readNBytes(buffer, 0, partSize);
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())));
        } catch (IOException | RuntimeException | Error e) {
            try {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key).uploadId(uploadId).build());
            } catch (SdkException ignored) {
                // the sweeper of the bucket's lifecycle rule removes an unfinished upload; the refusal matters more
            }
            throw e;
        }
        return new Written(total, HexFormat.of().formatHex(whole.digest()));
    }

    private static void refuseAbove(long total, long maxBytes) {
        if (total > maxBytes) {
            throw new EvidenceRefused("The file is larger than the limit of " + EvidenceLimits.human(maxBytes)
                    + ": nothing was stored. Split it, compress it, or ask an administrator to raise the limit.");
        }
    }

    private void encrypt(PutObjectRequest.Builder put) {
        if (sse != null) {
            put.serverSideEncryption(sse);
            if (kmsKeyId != null) {
                put.ssekmsKeyId(kmsKeyId);
            }
        }
    }

    private static String base64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** Server-side copy with the hash as metadata, then delete (S3 has no rename; CopyObject takes up to 5 GB). */
    @Override
    public void move(String from, String to, String sha256) throws IOException {
        var copy = CopyObjectRequest.builder().sourceBucket(bucket).sourceKey(from).destinationBucket(bucket)
                .destinationKey(to).metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("sha256", sha256));
        if (sse != null) {
            copy.serverSideEncryption(sse);
            if (kmsKeyId != null) {
                copy.ssekmsKeyId(kmsKeyId);
            }
        }
        try {
            s3.copyObject(copy.build());
        } catch (NoSuchKeyException e) {
            if (exists(to)) {
                return; // moved before (a retried promotion)
            }
            throw new NoSuchFileException(from);
        } catch (SdkException e) {
            throw new IOException("S3 copy " + from + " → " + to + " failed: " + e.getMessage(), e);
        }
        delete(from);
    }

    private boolean exists(String key) throws IOException {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("S3 read of " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    @Override
    public List<String> pendingBefore(Instant cutoff) throws IOException {
        var keys = new ArrayList<String>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PENDING_PREFIX)).contents()) {
                if (o.lastModified().isBefore(cutoff)) {
                    keys.add(o.key());
                }
            }
        } catch (SdkException e) {
            throw new IOException("S3 listing of " + PENDING_PREFIX + " failed: " + e.getMessage(), e);
        }
        return keys;
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException("S3: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    /** Only for the benchmark's baseline and tests: the client this store uses. */
    public S3Client client() {
        return s3;
    }

    static MessageDigest sha() {
        return PostgresEvidenceStore.sha256();
    }
}
