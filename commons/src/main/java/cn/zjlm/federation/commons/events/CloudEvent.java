package cn.zjlm.federation.commons.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * CloudEvents 1.0 envelope in structured JSON mode. {@code association} is an extension attribute
 * (the GB/T 2260 code of the association that owns the subject) so consumers can route by scope.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, String time,
        String datacontenttype, String dataschema, String association, JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    /** Schema of each event type: docs/events/{type}.schema.json in the repository. */
    public static String schemaFor(String type) {
        return "https://federation.zjlm.cn/events/" + type + ".schema.json";
    }
}
