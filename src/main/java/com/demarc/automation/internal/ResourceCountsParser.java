package com.demarc.automation.internal;

import com.demarc.shared.UserFacingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code aws configservice get-discovered-resource-counts} output as a stream of tokens:
 * {@code {"totalDiscoveredResources": n, "resourceCounts": [{"resourceType": "AWS::EC2::Instance", "count": 12}, …],
 * "nextToken": …}}, one page or several pages one after another. Counts of a type on several pages are added up.
 */
public final class ResourceCountsParser {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+");
    private static final String EXPECTED = "expected the output of aws configservice get-discovered-resource-counts, "
            + "{\"totalDiscoveredResources\": …, \"resourceCounts\": [{\"resourceType\": \"AWS::EC2::Instance\", "
            + "\"count\": 12}, …]}";

    private ResourceCountsParser() {
    }

    /** Resource type → count (types sorted); any malformed input is refused with a message saying what to do. */
    public static Map<String, Long> parse(InputStream in) {
        var counts = new TreeMap<String, Long>();
        boolean seen = false;
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw new UserFacingException("This file is not a resource-counts file: " + EXPECTED + ".");
                }
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("resourceCounts".equals(name)) {
                        if (value != JsonToken.START_ARRAY) {
                            throw new UserFacingException("\"resourceCounts\" is not a list: " + EXPECTED + ".");
                        }
                        seen = true;
                        readCounts(p, counts);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (StreamReadException e) {
            var where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String msg = String.valueOf(e.getOriginalMessage());
            if (msg.contains("end-of-input") || msg.contains("EOF")) {
                throw new UserFacingException("The file ends in the middle of its JSON" + where + ": it is truncated. "
                        + "Run aws configservice get-discovered-resource-counts again and upload the whole output.");
            }
            throw new UserFacingException("The file is not valid JSON" + where + ". Upload the output of aws "
                    + "configservice get-discovered-resource-counts exactly as the AWS CLI wrote it.");
        } catch (JacksonException e) {
            throw new UserFacingException("The file could not be read as JSON. Upload the output of aws configservice "
                    + "get-discovered-resource-counts exactly as the AWS CLI wrote it.");
        }
        if (!seen) {
            throw new UserFacingException("This file holds no resource counts: " + EXPECTED + ".");
        }
        return counts;
    }

    private static void readCounts(JsonParser p, Map<String, Long> counts) {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            index++;
            if (t != JsonToken.START_OBJECT) {
                throw new UserFacingException("Entry " + index + " of \"resourceCounts\" is not an object: " + EXPECTED + ".");
            }
            @Nullable String type = null;
            @Nullable Long count = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("resourceType".equals(name) && value == JsonToken.VALUE_STRING) {
                    type = p.getString();
                } else if ("count".equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
                    count = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
            if (type == null || !TYPE.matcher(type).matches()) {
                throw new UserFacingException("Entry " + index + " of \"resourceCounts\" has no resource type of the "
                        + "form AWS::Service::Resource" + (type == null ? "" : " (found \"" + abbreviate(type) + "\")")
                        + ": upload the AWS CLI's output unchanged.");
            }
            if (count == null || count < 0) {
                throw new UserFacingException("Entry " + index + " of \"resourceCounts\" (" + type + ") has no count "
                        + "of zero or more: upload the AWS CLI's output unchanged.");
            }
            counts.merge(type, count, Long::sum);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
