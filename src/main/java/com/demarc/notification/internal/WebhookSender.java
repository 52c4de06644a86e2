package com.demarc.notification.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Posts Slack/Teams-compatible JSON ({"text": …}) to a team's hook, signed: {@code X-Demarc-Signature:
 * sha256=<hex HMAC-SHA256 of the body with the team's secret>}. Connect and whole-request timeouts are bounded.
 */
public final class WebhookSender {
    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static String signature(String secret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String json(String text) {
        var sb = new StringBuilder("{\"text\":\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append("\"}").toString();
    }

    /** Throws with a readable reason when the hook did not answer 2xx in time. */
    public void post(String url, String secret, String text) throws IOException {
        byte[] body = json(text).getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Demarc-Signature", signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("The webhook answered HTTP " + response.statusCode());
            }
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("The webhook did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while posting to the webhook");
        }
    }
}
