package cn.zjlm.federation.commons.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details, with field-level violations and the request's correlation id. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        List<FieldViolation> errors, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://federation.zjlm.cn/problems/";

    /** One rejected field: its JSON path, a stable code, and a message in the caller's language. */
    public record FieldViolation(String field, String code, String message) {
    }
}
