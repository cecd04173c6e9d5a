package cn.zjlm.federation.commons.error;

import jakarta.ws.rs.core.EntityTag;

/** Optimistic locking over HTTP: the ETag is the record's version, If-Match names the version a write expects. */
public final class Preconditions {
    private Preconditions() {
    }

    public static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version from a required If-Match: 428 when missing, so concurrent edits are never lost. */
    public static long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required");
        }
        return parse(ifMatch);
    }

    /** The version from an optional If-Match, or null when none was sent. */
    public static Long optionalVersion(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() ? null : parse(ifMatch);
    }

    /** 412 when the caller expected another version than the current one; null expects nothing. */
    public static void requireVersion(long current, Long expected) {
        if (expected != null && current != expected) {
            throw new ProblemException(412, "precondition-failed", "\"" + expected + "\"", "\"" + current + "\"");
        }
    }

    private static long parse(String ifMatch) {
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "precondition-failed", ifMatch, "?");
        }
    }
}
