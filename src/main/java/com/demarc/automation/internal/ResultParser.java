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
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a results file as a stream, one finding at a time (a finding's own JSON is small; the file may not be):
 * {@code {"Findings":[…]}} (ASFF or OCSF), {@code {"EvaluationResults":[…]}} (AWS Config), a bare array of findings,
 * or several such documents one after another (pages concatenated, JSON lines). Only the fields the import needs are
 * read from each finding, straight from the token stream (no tree is built; every other field is skipped); each
 * finding is normalised and handed to the sink with its raw bytes as they stood in the file; anything malformed stops
 * the whole import with a message saying what to do.
 */
public final class ResultParser {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a finding stands apart from its compliance status. */
    public enum Disposition {
        ACTIVE, ARCHIVED, SUPPRESSED, NOT_A_CHECK
    }

    /** One finding, normalised. {@code accountId} is null for AWS Config results, which name no account. */
    public record Finding(ResultFormat format, String id, Instant updatedAt, @Nullable String accountId, CheckSource source,
                          @Nullable String checkId, @Nullable CheckStatus status, String resourceId,
                          Instant firstObserved, Instant lastObserved, Disposition disposition) {
    }

    /**
     * Receives each finding, parsed, with its raw bytes as they stood in the file: {@code length} bytes of
     * {@code buffer} from {@code offset}, valid only during the call.
     */
    public interface Sink {
        void accept(Finding finding, byte[] buffer, int offset, int length);
    }

    /** The fields read from a finding, by their path in it ({@code [0]}: the first element of an array). */
    private enum Field {
        // ASFF
        SCHEMA_VERSION("SchemaVersion"), PRODUCT_ARN("ProductArn"), ID("Id"), UPDATED_AT("UpdatedAt"),
        AWS_ACCOUNT_ID("AwsAccountId"), COMPLIANCE("Compliance"), SECURITY_CONTROL_ID("Compliance.SecurityControlId"),
        COMPLIANCE_STATUS("Compliance.Status"), PRODUCT_CONTROL_ID("ProductFields.ControlId"), RESOURCE_ID("Resources[0].Id"),
        FIRST_OBSERVED_AT("FirstObservedAt"), CREATED_AT("CreatedAt"), LAST_OBSERVED_AT("LastObservedAt"),
        RECORD_STATE("RecordState"), WORKFLOW_STATUS("Workflow.Status"),
        // OCSF
        CLASS_UID("class_uid"), INFO_UID("finding_info.uid"), METADATA_UID("metadata.uid"),
        MODIFIED_TIME("finding_info.modified_time"), MODIFIED_TIME_DT("finding_info.modified_time_dt"), TIME("time"),
        TIME_DT("time_dt"), CLOUD_ACCOUNT_UID("cloud.account.uid"), CONTROL("compliance.control"),
        STATUS("compliance.status"), STATUS_ID("compliance.status_id"), RESOURCE_UID("resources[0].uid"),
        FIRST_SEEN("finding_info.first_seen_time"), FIRST_SEEN_DT("finding_info.first_seen_time_dt"),
        LAST_SEEN("finding_info.last_seen_time"), LAST_SEEN_DT("finding_info.last_seen_time_dt"),
        FINDING_STATUS("status"), FINDING_STATUS_ID("status_id"), ACTIVITY_ID("activity_id"),
        // AWS Config
        EVALUATION_ID("EvaluationResultIdentifier"),
        RULE_NAME("EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName"),
        RESOURCE_TYPE("EvaluationResultIdentifier.EvaluationResultQualifier.ResourceType"),
        CONFIG_RESOURCE_ID("EvaluationResultIdentifier.EvaluationResultQualifier.ResourceId"),
        ORDERING_TIMESTAMP("EvaluationResultIdentifier.OrderingTimestamp"), RECORDED_TIME("ResultRecordedTime"),
        COMPLIANCE_TYPE("ComplianceType"), INVOKED_TIME("ConfigRuleInvokedTime");

        final String path;
        /** Only whether the field is there matters (its value is never read, so the parser skips it unread). */
        final boolean presenceOnly;

        Field(String path) {
            this.path = path;
            this.presenceOnly = path.equals("SchemaVersion") || path.equals("ProductArn") || path.equals("Compliance")
                    || path.equals("EvaluationResultIdentifier");
        }
    }

    /** A property name in the tree of wanted paths. */
    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        @Nullable Node first; // the first element of an array value
        @Nullable Field field;

        Node child(String name) {
            return children.computeIfAbsent(name, n -> new Node());
        }
    }

    private static final Node ROOT = new Node();

    static {
        for (Field f : Field.values()) {
            Node n = ROOT;
            for (String part : f.path.split("\\.")) {
                if (part.endsWith("[0]")) {
                    n = n.child(part.substring(0, part.length() - 3));
                    if (n.first == null) {
                        n.first = new Node();
                    }
                    n = n.first;
                } else {
                    n = n.child(part);
                }
            }
            n.field = f;
        }
    }

    private final @Nullable ResultFormat expected;
    private final Function<String, String> configRuleToIdentifier;
    private @Nullable ResultFormat seen;
    private int index;
    private ByteTap tap = new ByteTap(InputStream.nullInputStream());
    private final Object[] values = new Object[Field.values().length];
    private final boolean[] present = new boolean[Field.values().length];

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
        long start = p.currentTokenLocation().getByteOffset();
        tap.release(start);
        boolean container = false;
        clear();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (("Findings".equals(name) || "EvaluationResults".equals(name)) && value == JsonToken.START_ARRAY) {
                container = true;
                readArray(p, sink);
                clear(); // the page's own fields, not the last finding's, decide below
            } else if ("NextToken".equals(name) || "ResponseMetadata".equals(name)) {
                p.skipChildren();
            } else {
                readValue(p, ROOT.children.get(name), value);
            }
        }
        if (present[Field.CLASS_UID.ordinal()]) {
            handle(sink, start, p.currentLocation().getByteOffset());
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
            clear();
            readFields(p, ROOT);
            handle(sink, start, p.currentLocation().getByteOffset());
        }
    }

    private void clear() {
        java.util.Arrays.fill(values, null);
        java.util.Arrays.fill(present, false);
    }

    /** The fields of the object just started that {@code node} names; everything else is skipped. */
    private void readFields(JsonParser p, Node node) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            Node child = node.children.get(p.currentName());
            readValue(p, child, p.nextToken());
        }
    }

    private void readValue(JsonParser p, @Nullable Node node, JsonToken value) {
        if (node == null) {
            p.skipChildren();
            return;
        }
        if (node.field != null) {
            int slot = node.field.ordinal();
            present[slot] = true;
            values[slot] = node.field.presenceOnly ? null : switch (value) {
                case VALUE_STRING -> p.getString();
                case VALUE_NUMBER_INT -> p.getNumberValue();
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> null;
            };
        }
        if (value == JsonToken.START_OBJECT) {
            if (node.children.isEmpty()) {
                p.skipChildren();
            } else {
                readFields(p, node);
            }
        } else if (value == JsonToken.START_ARRAY) {
            if (node.first == null) {
                p.skipChildren();
                return;
            }
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return;
            }
            if (t == JsonToken.START_OBJECT) {
                readFields(p, node.first);
            } else {
                p.skipChildren();
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                p.skipChildren();
            }
        }
    }

    private void handle(Sink sink, long start, long end) {
        index++;
        ResultFormat format = present[Field.CLASS_UID.ordinal()] ? ResultFormat.SECURITY_HUB_OCSF
                : present[Field.EVALUATION_ID.ordinal()] ? ResultFormat.CONFIG_EVALUATIONS
                : present[Field.SCHEMA_VERSION.ordinal()] || present[Field.AWS_ACCOUNT_ID.ordinal()]
                  || present[Field.PRODUCT_ARN.ordinal()] ? ResultFormat.SECURITY_HUB_ASFF
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
        var finding = switch (format) {
            case SECURITY_HUB_ASFF -> asff();
            case SECURITY_HUB_OCSF -> ocsf();
            case CONFIG_EVALUATIONS -> config();
        };
        byte[] buffer = tap.buffer();
        int from = tap.indexOf(start);
        int length = (int) (end - start);
        if (start < 0 || end < 0 || !tap.holds(start, end) || buffer[from] != '{' || buffer[from + length - 1] != '}') {
            throw new UserFacingException("Finding " + index + " is larger than " + (ByteTap.MAX >> 20) + " MiB (AWS "
                    + "keeps a finding under 240 KB): the file was edited or is not an AWS export. Export it again with "
                    + "the AWS CLI; nothing was imported.");
        }
        sink.accept(finding, buffer, from, length);
        tap.release(end);
    }

    private Finding asff() {
        String id = required("Id", text(Field.ID));
        Instant updated = required("UpdatedAt", time(Field.UPDATED_AT, false));
        String account = required("AwsAccountId", text(Field.AWS_ACCOUNT_ID));
        String check = text(Field.SECURITY_CONTROL_ID);
        if (check == null) {
            check = text(Field.PRODUCT_CONTROL_ID);
        }
        CheckStatus status = status(text(Field.COMPLIANCE_STATUS));
        String resource = text(Field.RESOURCE_ID);
        Instant first = time(Field.FIRST_OBSERVED_AT, false);
        if (first == null) {
            first = orElse(time(Field.CREATED_AT, false), updated);
        }
        Instant last = orElse(time(Field.LAST_OBSERVED_AT, false), updated);
        Disposition d = "ARCHIVED".equalsIgnoreCase(text(Field.RECORD_STATE)) ? Disposition.ARCHIVED
                : "SUPPRESSED".equalsIgnoreCase(text(Field.WORKFLOW_STATUS)) ? Disposition.SUPPRESSED
                : !present[Field.COMPLIANCE.ordinal()] || check == null || status == null ? Disposition.NOT_A_CHECK
                : Disposition.ACTIVE;
        return new Finding(ResultFormat.SECURITY_HUB_ASFF, id, updated, account, CheckSource.SECURITY_HUB, check, status,
                resource == null ? account : resource, first, last, d);
    }

    private Finding ocsf() {
        String id = orElse(text(Field.INFO_UID), text(Field.METADATA_UID));
        id = required("finding_info.uid", id);
        Instant updated = orElse(orElse(time(Field.MODIFIED_TIME, true), time(Field.MODIFIED_TIME_DT, true)),
                orElse(time(Field.TIME, true), time(Field.TIME_DT, true)));
        updated = required("finding_info.modified_time (or time)", updated);
        String account = required("cloud.account.uid", text(Field.CLOUD_ACCOUNT_UID));
        String check = text(Field.CONTROL);
        CheckStatus status = status(text(Field.STATUS));
        if (status == null && values[Field.STATUS_ID.ordinal()] instanceof Number n) {
            status = switch (n.intValue()) {
                case 1 -> CheckStatus.PASSED;
                case 2 -> CheckStatus.WARNING;
                case 3 -> CheckStatus.FAILED;
                default -> CheckStatus.NOT_AVAILABLE;
            };
        }
        String resource = text(Field.RESOURCE_UID);
        Instant first = orElse(orElse(time(Field.FIRST_SEEN, true), time(Field.FIRST_SEEN_DT, true)), updated);
        Instant last = orElse(orElse(time(Field.LAST_SEEN, true), time(Field.LAST_SEEN_DT, true)), updated);
        String findingStatus = text(Field.FINDING_STATUS);
        int statusId = integer(Field.FINDING_STATUS_ID);
        Disposition d = integer(Field.ACTIVITY_ID) == 3 || "Archived".equalsIgnoreCase(findingStatus) ? Disposition.ARCHIVED
                : statusId == 3 || "Suppressed".equalsIgnoreCase(findingStatus) ? Disposition.SUPPRESSED
                : integer(Field.CLASS_UID) != 2003 || check == null || status == null ? Disposition.NOT_A_CHECK
                : Disposition.ACTIVE;
        return new Finding(ResultFormat.SECURITY_HUB_OCSF, id, updated, account, CheckSource.SECURITY_HUB, check, status,
                resource == null ? account : resource, first, last, d);
    }

    private Finding config() {
        String rule = required("EvaluationResultIdentifier.EvaluationResultQualifier.ConfigRuleName", text(Field.RULE_NAME));
        String type = orElse(text(Field.RESOURCE_TYPE), "");
        String resource = required("EvaluationResultIdentifier.EvaluationResultQualifier.ResourceId",
                text(Field.CONFIG_RESOURCE_ID));
        Instant recorded = orElse(time(Field.RECORDED_TIME, false), time(Field.ORDERING_TIMESTAMP, false));
        recorded = required("ResultRecordedTime", recorded);
        String compliance = required("ComplianceType", text(Field.COMPLIANCE_TYPE));
        CheckStatus status = switch (compliance) {
            case "COMPLIANT" -> CheckStatus.PASSED;
            case "NON_COMPLIANT" -> CheckStatus.FAILED;
            case "INSUFFICIENT_DATA" -> CheckStatus.NOT_AVAILABLE;
            default -> null;
        };
        Instant invoked = orElse(time(Field.INVOKED_TIME, false), recorded);
        return new Finding(ResultFormat.CONFIG_EVALUATIONS, rule + "|" + type + "|" + resource, recorded, null,
                CheckSource.CONFIG, configRuleToIdentifier.apply(rule), status, type.isEmpty() ? resource : type + " " + resource,
                invoked, recorded, status == null ? Disposition.NOT_A_CHECK : Disposition.ACTIVE);
    }

    private <T> T required(String field, @Nullable T value) {
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

    /** A scalar field as text (numbers and booleans written out), stripped; null when absent, null, empty or a structure. */
    private @Nullable String text(Field f) {
        Object v = values[f.ordinal()];
        if (v == null) {
            return null;
        }
        String s = (v instanceof String text ? text : v.toString()).strip();
        return s.isEmpty() ? null : s;
    }

    /** A number field as an int (a number written as text too); 0 when absent or not a number. */
    private int integer(Field f) {
        Object v = values[f.ordinal()];
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** ISO 8601 text, or epoch seconds (ASFF, Config from CLI v1) / milliseconds (OCSF) as a number. */
    private @Nullable Instant time(Field f, boolean millis) {
        Object v = values[f.ordinal()];
        if (v instanceof Number n) {
            return millis ? Instant.ofEpochMilli(n.longValue()) : Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
        }
        String s = text(f);
        return s == null ? null : Timestamps.parse(s);
    }
}
