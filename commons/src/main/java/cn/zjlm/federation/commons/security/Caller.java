package cn.zjlm.federation.commons.security;

import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.AssociationCode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: subject, roles and association, read from the verified access token. */
@RequestScoped
public class Caller {
    public static final String ASSOCIATION_CLAIM = "association";

    @Inject
    SecurityIdentity identity;

    public String subject() {
        return token().map(JsonWebToken::getSubject).orElse(identity.getPrincipal().getName());
    }

    /**
     * The login's subject as the account id a member record is linked by; empty for a subject that is not a UUID
     * (a federated login, "f:…"), which no member record can be linked to.
     */
    public java.util.Optional<java.util.UUID> accountId() {
        try {
            return java.util.Optional.of(java.util.UUID.fromString(subject()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    public String username() {
        return token().map(t -> (String) t.getClaim("preferred_username")).orElse(identity.getPrincipal().getName());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's association code; a token without a well-formed one is refused. */
    public String association() {
        Object claim = token().map(t -> t.getClaim(ASSOCIATION_CLAIM)).orElse(null);
        String code = claim == null ? null : claim.toString().replace("\"", "");
        if (!AssociationCode.isWellFormed(code)) {
            throw new ProblemException(403, "forbidden");
        }
        return code;
    }

    public AssociationScope scope() {
        return AssociationScope.of(association());
    }

    /** Another association's record is reported as missing, so its existence does not leak. */
    public void requireInScope(String associationCode, String what) {
        if (!scope().covers(associationCode)) {
            throw ProblemException.notFound(what);
        }
    }

    /** The record when it exists and lies in the caller's scope; otherwise 404, so existence does not leak. */
    public <T> T inScope(T record, java.util.function.Function<T, String> associationOf, String what) {
        if (record == null || !scope().covers(associationOf.apply(record))) {
            throw ProblemException.notFound(what);
        }
        return record;
    }

    /** An association named in a request body must lie in the caller's scope: a write cannot escape it. */
    public void requireWritable(String field, String associationCode) {
        if (!scope().covers(associationCode)) {
            throw ProblemException.invalidField(field, "association-code.out-of-scope");
        }
    }

    private Optional<JsonWebToken> token() {
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Optional.of(jwt) : Optional.empty();
    }
}
