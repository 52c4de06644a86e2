package com.demarc.audit;

import com.demarc.shared.UserFacingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;

/**
 * A signed checkpoint of the audit chain: entry {@code seq} had hash {@code hash} at {@code at}, signed with the audit
 * key {@code keyId}. Stored in the database and written to the log; exported as a receipt (JSON) for auditors to keep.
 */
public record AuditCheckpoint(long seq, String hash, Instant at, String keyId, String signature) {
    static final String RECEIPT_TYPE = "demarc-audit-receipt";
    private static final JsonMapper RECEIPT_JSON = JsonMapper.builder().build();

    /** The exact text that is signed. */
    public String payload() {
        return "demarc-audit-checkpoint:v1|" + seq + "|" + hash.strip() + "|" + at + "|" + keyId;
    }

    /** The receipt an auditor keeps outside Demarc (with the public key, to check it elsewhere). */
    public String toReceiptJson(String publicKeyBase64) {
        var map = new LinkedHashMap<String, Object>();
        map.put("type", RECEIPT_TYPE);
        map.put("seq", seq);
        map.put("hash", hash.strip());
        map.put("at", at.toString());
        map.put("keyId", keyId);
        map.put("signature", signature);
        map.put("publicKey", publicKeyBase64);
        map.put("signed", payload());
        return RECEIPT_JSON.writeValueAsString(map) + "\n";
    }

    /** Reads a receipt written by {@link #toReceiptJson}; a clear message when it is not one. */
    public static AuditCheckpoint fromReceiptJson(@Nullable String json) {
        try {
            JsonNode node = RECEIPT_JSON.readTree(json == null ? "" : json);
            if (node == null || !node.isObject() || !RECEIPT_TYPE.equals(text(node, "type"))) {
                throw notAReceipt(null);
            }
            var seq = node.get("seq");
            if (seq == null || !seq.canConvertToLong()) {
                throw notAReceipt(null);
            }
            return new AuditCheckpoint(seq.asLong(), text(node, "hash"), Instant.parse(text(node, "at")),
                    text(node, "keyId"), text(node, "signature"));
        } catch (JacksonException | DateTimeParseException | NullPointerException e) {
            throw notAReceipt(e);
        }
    }

    private static String text(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || !value.isString()) {
            throw notAReceipt(null);
        }
        return value.asString();
    }

    private static UserFacingException notAReceipt(Exception cause) {
        return new UserFacingException("This file is not a Demarc audit receipt: export one with \"Export receipt\" "
                + "on the audit log page and give that JSON file unchanged.");
    }
}
