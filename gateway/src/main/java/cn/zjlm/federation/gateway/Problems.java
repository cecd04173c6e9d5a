package cn.zjlm.federation.gateway;

import cn.zjlm.federation.commons.error.CorrelationIds;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemMessages;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/** Problem details for the errors the gateway itself answers (401, 404, 413, 502–504). */
final class Problems {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {
    }

    static void send(RoutingContext rc, int status, String code, Object... args) {
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        Locale locale = ProblemMessages.choose(rc.acceptableLanguages().stream()
                .map(l -> Locale.forLanguageTag(l.tag())).toList());
        Problem problem = new Problem(Problem.TYPE_BASE + code, ProblemMessages.title(code, locale), status,
                ProblemMessages.detail(code, locale, args), rc.request().path(), code, List.of(),
                rc.get(CorrelationIds.MDC_KEY));
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Content-Language", locale.toLanguageTag());
            if (status == 401) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
            }
            rc.response().end(MAPPER.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(status).end();
        }
    }
}
