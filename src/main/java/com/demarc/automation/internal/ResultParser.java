package com.demarc.automation.internal;

import com.demarc.automation.CheckSource;
import com.demarc.automation.CheckStatus;
import com.demarc.automation.ResultFormat;
import com.demarc.shared.UserFacingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads a results file as a stream, one finding at a time (a finding's own JSON is small; the file may not be):
 * {@code {"Findings":[…]}} (ASFF or OCSF), {@code {"EvaluationResults":[…]}} (AWS Config), a bare array of findings,
 * or several such documents one after another (pages concatenated, JSON lines). Each finding is normalised and
 * handed to the sink with its raw JSON; anything malformed stops the whole import with a message saying what to do.
 */
public final class ResultParser {
    // a finding is read as a tree from the middle of the stream: what follows it is the rest of the file, not garbage
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** How a finding stands apart from its compliance status. */
    public enum Disposition {
        ACTIVE, ARCHIVED, SUPPRESSED, NOT_A_CHECK
    }

    /** One finding, normalised. {@code accountId} is null for AWS Config results, which name no account. */
    public record Finding(ResultFormat format, String id, Instant updatedAt, @Nullable String accountId, CheckSource source,
                          @Nullable String checkId, @Nullable CheckStatus status, String resourceId,
                          Instant firstObserved, Instant lastObserved, Disposition disposition) {
    }

    /** Receives each finding, parsed, with its raw bytes as they stood in the file (null when not at hand). */
    public interface Sink {
        void accept(Finding finding, JsonNode raw, byte @Nullable [] rawBytes);
    }

    private final @Nullable ResultFormat expected;
    private final Function<String, String> configRuleToIdentifier;
    private @Nullable ResultFormat seen;
    private int index;
    private ByteTap tap = new ByteTap(InputStream.nullInputStream());

    /**
     * @param expected               the format the user chose, or null to recognise it from the findings
     * @param configRuleToIdentifier maps an AWS Config rule name (as deployed) to its managed rule identifier
     */
    public ResultParser(@Nullable ResultFormat expected, Function<String, String> configRuleToIdentifier) {
        this.expected = expected;
        this.configRuleToIdentifier = configRuleToIdentifier;
    }

    /** The format of the findings read (null when the file held none). */
    public @Nullable ResultFormat format() {
        return seen != null ? seen : expected;
    }

    /** Reads the whole stream; returns the number of findings handed to the sink. */
    public int parse(InputStream in, Sink sink) {
        boolean container = false;
        tap = new ByteTap(in);
        try (JsonParser p = JSON.createParser(tap)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    container = true;
                    readArray(p, sink);
                } else if (t == JsonToken.START_OBJECT) {
                    container |= readDocument(p, sink);
                } else {
                    throw new UserFacingException("This file is not a results file: it should be a JSON object such as "
                            + "{\"Findings\": […]} (aws securityhub get-findings) or {\"EvaluationResults\": […]} (aws "
                            + "configservice get-compliance-details-by-config-rule). Nothing was imported.");
                }
            }
        } catch (StreamReadException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("end-of-input") || msg.contains("EOF")) {
                throw new UserFacingException("The file ends in the middle of its JSON" + where + ": it is truncated "
                        + "(an interrupted download or copy?). Export the results again and import the whole file; "
                        + "nothing was imported.");
            }
            throw new UserFacingException("The file is not valid JSON" + where + " (" + firstLine(msg) + "). Import the "
                    + "file exactly as the AWS CLI wrote it; nothing was imported.");
        } catch (JacksonException e) {
            throw new UserFacingException("The file could not be read as JSON (" + firstLine(e.getOriginalMessage())
                    + "). Import the file exactly as the AWS CLI wrote it; nothing was imported.");
        }
        if (!container) {
            throw new UserFacingException("This file holds no findings: expected {\"Findings\": […]} (aws securityhub "
                    + "get-findings / get-findings-v2) or {\"EvaluationResults\": […]} (aws configservice "
                    + "get-compliance-details-by-config-rule). Nothing was imported.");
        }
        return index;
    }

    private static String firstLine(@Nullable String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A root object: a page ({"Findings": […], "NextToken": …}) or one OCSF finding (JSON lines). */
    private boolean readDocument(JsonParser p, Sink sink) {
        boolean container = false;
        ObjectNode rest = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (("Findings".equals(name) || "EvaluationResults".equals(name)) && value == JsonToken.START_ARRAY) {
                container = true;
                readArray(p, sink);
            } else if ("NextToken".equals(name) || "ResponseMetadata".equals(name)) {
                p.skipChildren();
            } else {
                if (rest == null) {
                    rest = JSON.createObjectNode();
                }
                rest.set(name, JSON.readTree(p));
            }
        }
        if (rest != null && rest.has("class_uid")) {
            handle(rest, null, sink);
            return true;
        }
        return container;
    }

    private void readArray(JsonParser p, Sink sink) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new UserFacingException("Finding " + (index + 1) + " is not a JSON object. Import the file exactly "
                        + "as the AWS CLI wrote it; nothing was imported.");
            }
            long start = p.currentTokenLocation().getByteOffset();
            tap.release(start);
            JsonNode node = JSON.readTree(p);
            long end = p.currentLocation().getByteOffset();
            byte[] bytes = start < 0 || end < 0 ? null : tap.slice(start, end);
            if (bytes != null && (bytes[0] != '{' || bytes[bytes.length - 1] != '}')) {
                bytes = null;
            }
            tap.release(end);
            handle(node, bytes, sink);
        }
    }

    private void handle(JsonNode node, byte @Nullable [] bytes, Sink sink) {
        index++;
        ResultFormat format = node.has("class_uid") ? ResultFormat.SECURITY_HUB_OCSF
                : node.has("EvaluationResultIdentifier") ? ResultFormat.CONFIG_EVALUATIONS
                : node.has("SchemaVersion") || node.has("AwsAccountId") || node.has("ProductArn") ? ResultFormat.SECURITY_HUB_ASFF
                : null;
        if (format == null) {
            throw new UserFacingException("Finding " + index + " is neither a Security Hub finding (ASFF or OCSF) nor an "
                    + "AWS Config evaluation result. Import one of those exports; nothing was imported.");
        }
        if (expected != null && format != expected) {
            throw new UserFacingException("This file holds " + format.label() + ", not " + expected.label()
                    + ": choose \"" + format.label() + "\" and import it again; nothing was imported.");
        }
        if (seen != null && format != seen) {
            throw new UserFacingException("This file mixes " + seen.label() + " and " + format.label()
                    + " (finding " + index + "): import each export on its own; nothing was imported.");
        }
        seen = format;
        sink.accept(switch (format) {
            case SECURITY_HUB_ASFF -> asff(node);
            case SECURITY_HUB_OCSF -> ocsf(node);
            case CONFIG_EVALUATIONS -> config(node);
        }, node, bytes);
    }

    private Finding asff(JsonNode f) {
        String id = required(f, "Id", text(f.path("Id")));
        Instant updated = required(f, "UpdatedAt", time(f.path("UpdatedAt"), false));
        String account = required(f, "AwsAccountId", text(f.path("AwsAccountId")));
        var compliance = f.path("Compliance");
        String check = text(compliance.path("SecurityControlId"));
        if (check == null) {
            check = text(f.path("ProductFields").path("ControlId"));
        }
        CheckStatus status = status(text(compliance.path("Status")));
        String resource = text(f.path("Resources").path(0).path("Id"));
        Instant first = orElse(time(f.path("FirstObservedAt"), false), orElse(time(f.path("CreatedAt"), false), updated));
        Instant last = orElse(time(f.path("LastObservedAt"), false), updated);
        Disposition d = "ARCHIVED".equalsIgnoreCase(text(f.path("RecordState"))) ? Disposition.ARCHIVED
                : "SUPPRESSED".equalsIgnoreCase(text(f.path("Workflow").path("Status"))) ? Disposition.SUPPRESSED
                : compliance.isMissingNode() || check == null || status == null ? Disposition.NOT_A_CHECK
                : Disposition.ACTIVE;
        return new Finding(ResultFormat.SECURITY_HUB_ASFF, id, updated, account, CheckSource.SECURITY_HUB, check, status,
                resource == null ? account : resource, first, last, d);
    }

    private Finding ocsf(JsonNode f) {
        var info = f.path("finding_info");
        String id = orElse(text(info.path("uid")), text(f.path("metadata").path("uid")));
        id = required(f, "finding_info.uid", id);
        Instant updated = orElse(orElse(time(info.path("modified_time"), true), time(info.path("modified_time_dt"), true)),
                orElse(time(f.path("time"), true), time(f.path("time_dt"), true)));
        updated = required(f, "finding_info.modified_time (or time)", updated);
        String account = required(f, "cloud.account.uid", text(f.path("cloud").path("account").path("uid")));
        var compliance = f.path("compliance");
        String check = text(compliance.path("control"));
        CheckStatus status = status(text(compliance.path("status")));
        if (status == null && compliance.path("status_id").isNumber()) {
            status = switch (compliance.path("status_id").asInt()) {
                case 1 -> CheckStatus.PASSED;
                case 2 -> CheckStatus.WARNING;
                case 3 -> CheckStatus.FAILED;
                default -> CheckStatus.NOT_AVAILABLE;
            };
        }
        String resource = text(f.path("resources").path(0).path("uid"));
        Instant first = orElse(orElse(time(info.path("first_seen_time"), true), time(info.path("first_seen_time_dt"), true)), updated);
        Instant last = orElse(orElse(time(info.path("last_seen_time"), true), time(info.path("last_seen_time_dt"), true)), updated);
        String findingStatus = text(f.path("status"));
        int statusId = f.path("status_id").asInt(0);
        Disposition d = f.path("activity_id").asInt(0) == 3 || "Archived".equalsIgnoreCase(findingStatus) ? Disposition.ARCHIVED
                : statusId == 3 || "Suppressed".equalsIgnoreCase(findingStatus) ? Disposition.SUPPRESSED
                : f.path("class_uid").asInt() != 2003 || check == null || status == null ? Disposition.NOT_A_CHECK
                : Disposition.ACTIVE;
        return new Finding(ResultFormat.SECURITY_HUB_OCSF, id, updated, account, CheckSource.SECURITY_HUB, check, status,
                resource == null ? account : resource, first, last, d);
    }

    private Finding config(JsonNode f) {
        var q = f.path("EvaluationResultIdentifier").path("EvaluationResultQualifier");
        String rule = required(f, "EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName",
                text(q.path("ConfigRuleName")));
        String type = orElse(text(q.path("ResourceType")), "");
        String resource = required(f, "EvaluationResultIdentifier.EvaluationResultQualifier.ResourceId",
                text(q.path("ResourceId")));
        Instant recorded = orElse(time(f.path("ResultRecordedTime"), false),
                time(f.path("EvaluationResultIdentifier").path("OrderingTimestamp"), false));
        recorded = required(f, "ResultRecordedTime", recorded);
        String compliance = required(f, "ComplianceType", text(f.path("ComplianceType")));
        CheckStatus status = switch (compliance) {
            case "COMPLIANT" -> CheckStatus.PASSED;
            case "NON_COMPLIANT" -> CheckStatus.FAILED;
            case "INSUFFICIENT_DATA" -> CheckStatus.NOT_AVAILABLE;
            default -> null;
        };
        Instant invoked = orElse(time(f.path("ConfigRuleInvokedTime"), false), recorded);
        return new Finding(ResultFormat.CONFIG_EVALUATIONS, rule + "|" + type + "|" + resource, recorded, null,
                CheckSource.CONFIG, configRuleToIdentifier.apply(rule), status, type.isEmpty() ? resource : type + " " + resource,
                invoked, recorded, status == null ? Disposition.NOT_A_CHECK : Disposition.ACTIVE);
    }

    private <T> T required(JsonNode f, String field, @Nullable T value) {
        if (value == null) {
            throw new UserFacingException("Finding " + index + " has no " + field + " (or it is not valid): the export "
                    + "is incomplete or was edited. Export it again with the AWS CLI; nothing was imported.");
        }
        return value;
    }

    private static <T> T orElse(@Nullable T value, T other) {
        return value != null ? value : other;
    }

    private static @Nullable CheckStatus status(@Nullable String s) {
        if (s == null) {
            return null;
        }
        return switch (s.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "PASSED", "PASS" -> CheckStatus.PASSED;
            case "FAILED", "FAIL" -> CheckStatus.FAILED;
            case "WARNING" -> CheckStatus.WARNING;
            case "NOT_AVAILABLE", "UNKNOWN", "OTHER" -> CheckStatus.NOT_AVAILABLE;
            default -> null;
        };
    }

    private static @Nullable String text(JsonNode n) {
        if (n == null || !n.isValueNode() || n.isNull()) {
            return null;
        }
        String s = n.asString().strip();
        return s.isEmpty() ? null : s;
    }

    /** ISO 8601 text, or epoch seconds (ASFF, Config from CLI v1) / milliseconds (OCSF) as a number. */
    private static @Nullable Instant time(JsonNode n, boolean millis) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return millis ? Instant.ofEpochMilli(n.asLong()) : Instant.ofEpochMilli(Math.round(n.asDouble() * 1000));
        }
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
