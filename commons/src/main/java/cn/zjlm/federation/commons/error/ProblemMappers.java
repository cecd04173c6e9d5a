package cn.zjlm.federation.commons.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import cn.zjlm.federation.commons.text.ControlCharacters;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves a service as application/problem+json; stack traces stay in the log. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        List<Problem.FieldViolation> fields = e.violations().stream()
                .map(v -> v.message() != null ? v
                        : new Problem.FieldViolation(v.field(), v.code(), ProblemMessages.field(v.code(), locale)))
                .toList();
        // a validation problem's detail counts its fields, whatever the thrower passed
        Object[] args = "validation".equals(e.code()) ? new Object[] {fields.size()} : e.args();
        Response response = build(e.status(), e.code(), ProblemMessages.detail(e.code(), locale, args), fields,
                locale, uri);
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, HttpHeaders headers, UriInfo uri) {
        return constraintViolations(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        List<Problem.FieldViolation> fields = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(Violations.fieldPath(v.getPropertyPath()), Violations.code(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldViolation::field))
                .toList();
        return build(400, "validation", ProblemMessages.detail("validation", locale, fields.size()), fields, locale, uri);
    }

    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response unreadableJson(JsonMappingException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty() && e instanceof ControlCharacters.InJson text) {
            field = text.field(); // thrown where Jackson adds no path (a creator's text property)
        }
        String code = e instanceof UnrecognizedPropertyException ? "json.unknown-field"
                : e instanceof ControlCharacters.InJson refused ? refused.code() : "json.wrong-type";
        List<Problem.FieldViolation> fields = field.isEmpty() ? List.of()
                : List.of(new Problem.FieldViolation(field, code, ProblemMessages.field(code, locale)));
        return build(400, "malformed-request", ProblemMessages.detail("malformed-request", locale), fields, locale, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        return build(400, "malformed-request", ProblemMessages.detail("malformed-request", locale), List.of(), locale, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        Response r = build(401, "unauthorized", ProblemMessages.detail("unauthorized", locale), List.of(), locale, uri);
        return Response.fromResponse(r).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        return build(403, "forbidden", ProblemMessages.detail("forbidden", locale), List.of(), locale, uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        return build(409, "concurrent-update", ProblemMessages.detail("concurrent-update", locale), List.of(), locale, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "request-refused";
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return build(status, code, ProblemMessages.detail(code, locale, "resource"), List.of(), locale, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers.getAcceptableLanguages());
        if (UniqueViolations.constraintOf(e).isPresent()) {
            // a concurrent request created the same record between our check and our insert (often at commit)
            LOG.infof("duplicate refused by the database on %s: %s", uri.getPath(), UniqueViolations.constraintOf(e).get());
            return build(409, "duplicate", ProblemMessages.detail("duplicate", locale), List.of(), locale, uri);
        }
        if (UniqueViolations.checkOf(e).isPresent()) {
            String constraint = UniqueViolations.checkOf(e).get();
            LOG.infof("input refused by check constraint %s on %s", constraint, uri.getPath());
            return build(400, "constraint-violated", ProblemMessages.detail("constraint-violated", locale, constraint),
                    List.of(), locale, uri);
        }
        if (DatabaseFailures.concurrentWrite(e)) {
            // found at commit (wrapped in a RollbackException), or PostgreSQL gave up on one of two writers
            LOG.infof("concurrent write refused on %s: %s", uri.getPath(), e);
            return build(409, "concurrent-update", ProblemMessages.detail("concurrent-update", locale), List.of(), locale,
                    uri);
        }
        if (DatabaseFailures.unreachable(e)) {
            // PostgreSQL is restarting or failing over: say so, and when to come back, instead of a bare 500
            LOG.warnf("database unreachable on %s: %s", uri.getPath(), e.getMessage());
            Response response = build(503, "database-unavailable", ProblemMessages.detail("database-unavailable", locale),
                    List.of(), locale, uri);
            return Response.fromResponse(response).header("Retry-After", 5).build();
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return build(500, "internal", ProblemMessages.detail("internal", locale), List.of(), locale, uri);
    }

    private static Response build(int status, String code, String detail, List<Problem.FieldViolation> fields,
            Locale locale, UriInfo uri) {
        Object correlationId = MDC.get(CorrelationIds.MDC_KEY);
        Problem problem = new Problem(Problem.TYPE_BASE + code, ProblemMessages.title(code, locale), status, detail,
                uri.getPath(), code, new ArrayList<>(fields), correlationId == null ? null : correlationId.toString());
        return Response.status(status).type(Problem.MEDIA_TYPE).header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .entity(problem).build();
    }
}
