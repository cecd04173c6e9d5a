package cn.zjlm.federation.commons.error;

import java.util.List;

/**
 * A refusal the caller can act on. {@code code} selects the localized title and detail in
 * ProblemMessages; {@code args} fill the detail's placeholders.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final transient Object[] args;
    private final transient List<Problem.FieldViolation> violations;
    private Long retryAfterSeconds;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<Problem.FieldViolation> violations, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
        this.violations = violations;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", what);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    /** A single field refused by a business rule (400), e.g. a birth date that disagrees with the ID number. */
    public static ProblemException invalidField(String field, String fieldCode) {
        return new ProblemException(400, "validation", List.of(new Problem.FieldViolation(field, fieldCode, null)));
    }

    /** 429: the caller sent too many requests; Retry-After tells when to try again. */
    public static ProblemException tooManyRequests(long retryAfterSeconds) {
        ProblemException e = new ProblemException(429, "too-many-requests", retryAfterSeconds);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Problem.FieldViolation> violations() {
        return violations;
    }
}
