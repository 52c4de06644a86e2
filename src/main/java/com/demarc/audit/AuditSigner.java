package com.demarc.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The audit key: an Ed25519 key pair that the database never holds, used to sign audit-chain checkpoints and audit
 * package manifests so that whoever controls the database alone cannot rewrite history or forge a package.
 *
 * <p>The key comes from {@code demarc.audit.signing-key} (the key file's content, e.g. from a secret store) or from
 * the file {@code demarc.audit.signing-key-file}; when neither exists the file is created (owner-readable only) and a
 * warning says to back it up apart from the database.
 */
@Component
public class AuditSigner {
    private static final Logger log = LoggerFactory.getLogger(AuditSigner.class);
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    AuditSigner(@Value("${demarc.audit.signing-key:}") String inlineKey,
                @Value("${demarc.audit.signing-key-file:${user.home}/.demarc/audit-signing.key}") Path keyFile) {
        KeyPair pair = inlineKey.isBlank() ? fromFile(keyFile) : parse(inlineKey, "demarc.audit.signing-key");
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = fingerprint(publicKey);
    }

    /** A short, stable name of the key (the first 16 hex digits of the SHA-256 of its public key). */
    public String keyId() {
        return keyId;
    }

    /** The public key (X.509, base64), for auditors who verify receipts and packages elsewhere. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** Signs the bytes; the signature is base64. */
    public String sign(byte[] data) {
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with the audit key", e);
        }
    }

    public String sign(String text) {
        return sign(text.getBytes(StandardCharsets.UTF_8));
    }

    /** True when the base64 signature was made by this key over exactly these bytes. */
    public boolean verify(byte[] data, @Nullable String base64Signature) {
        if (base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            var signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(data);
            return signature.verify(Base64.getDecoder().decode(base64Signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    public boolean verify(String text, @Nullable String base64Signature) {
        return verify(text.getBytes(StandardCharsets.UTF_8), base64Signature);
    }

    private static KeyPair fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file), file.toString());
            }
            var pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            var enc = Base64.getEncoder();
            String content = "# Demarc audit signing key (Ed25519). Keep it and its backups apart from the database.\n"
                    + "private=" + enc.encodeToString(pair.getPrivate().getEncoded()) + "\n"
                    + "public=" + enc.encodeToString(pair.getPublic().getEncoded()) + "\n";
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".audit-key", ".tmp");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, content);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            log.warn("Created a new audit signing key at {}: back it up apart from the database (set "
                    + "DEMARC_AUDIT_SIGNING_KEY_FILE to choose where it lives).", file.toAbsolutePath());
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit signing key file " + file
                    + ": set demarc.audit.signing-key-file to a writable path or demarc.audit.signing-key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setOwnerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the directory's permissions apply
        }
    }

    private static KeyPair parse(String content, String source) {
        var props = new Properties();
        try {
            props.load(new java.io.StringReader(content));
            var dec = Base64.getDecoder();
            var factory = KeyFactory.getInstance(ALGORITHM);
            var priv = factory.generatePrivate(new PKCS8EncodedKeySpec(dec.decode(props.getProperty("private", "").strip())));
            var pub = factory.generatePublic(new X509EncodedKeySpec(dec.decode(props.getProperty("public", "").strip())));
            return new KeyPair(pub, priv);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("The audit signing key in " + source + " is not readable: it needs the "
                    + "lines private=<base64 PKCS#8 Ed25519> and public=<base64 X.509> (delete the file to let Demarc "
                    + "create a new key).", e);
        }
    }

    private static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
