package com.demarc.security.internal.mfa;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** RFC 6238 codes (SHA-1, 6 digits, 30 s, what every authenticator app supports), one step of clock drift allowed. */
@Component
public class Totp {
    public static final int PERIOD = 30;
    private static final String ISSUER = "Demarc";
    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    public String newSecret() {
        return secrets.generate();
    }

    public String qrDataUri(String secret, String account) {
        var data = new QrData.Builder().label(ISSUER + ":" + account).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(PERIOD).build();
        try {
            var generator = new ZxingPngQrGenerator();
            return Utils.getDataUriForImage(generator.generate(data), generator.getImageMimeType());
        } catch (QrGenerationException e) {
            throw new IllegalStateException("The QR code could not be drawn", e);
        }
    }

    /** The code for the time step that contains {@code at} (tests compute codes with it too). */
    public String code(String secret, Instant at) {
        try {
            return codes.generate(secret, Math.floorDiv(at.getEpochSecond(), PERIOD));
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time step (previous, current or next) whose code this is, compared in constant time. */
    public Optional<Long> matchingStep(String secret, String code, Instant at) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return Optional.empty();
        }
        long now = Math.floorDiv(at.getEpochSecond(), PERIOD);
        Long found = null;
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                if (MessageDigest.isEqual(codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII),
                        code.strip().getBytes(StandardCharsets.US_ASCII))) {
                    found = step;
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.ofNullable(found);
    }
}
