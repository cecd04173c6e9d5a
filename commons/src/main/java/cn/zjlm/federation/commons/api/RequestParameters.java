package cn.zjlm.federation.commons.api;

import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.error.ProblemMessages;
import cn.zjlm.federation.commons.text.DateRange;
import jakarta.inject.Singleton;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query or path parameter that cannot be read as its declared type is refused as a 400 naming the
 * parameter. Left to JAX-RS, a failed conversion of either is a bare 404 (the specification's rule), which
 * tells the caller nothing; and an ISO date such as "+999999999-12-31" would be read, then overflow later.
 */
@Singleton
public class RequestParameters {
    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A parameter a resource method declares, with the type each of its values is read as. */
    record Declared(String name, boolean inPath, Class<?> type) {
    }

    private final Map<Method, List<Declared>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter(preMatching = false)
    public void refuseUnreadable(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<Declared> parameters = declared.computeIfAbsent(method, RequestParameters::declaredBy);
        if (parameters.isEmpty()) {
            return;
        }
        Map<String, List<String>> query = null;
        for (Declared d : parameters) {
            Map<String, List<String>> source;
            if (d.inPath()) {
                source = request.getUriInfo().getPathParameters();
            } else {
                source = query != null ? query : (query = request.getUriInfo().getQueryParameters());
            }
            for (String value : source.getOrDefault(d.name(), List.of())) {
                String code = problemWith(d.type(), value);
                if (code != null) {
                    var locale = ProblemMessages.choose(request.getAcceptableLanguages());
                    String message = MessageFormat.format(ProblemMessages.field(code, locale).replace("'", "''"),
                            d.type().isEnum() ? allowed(d.type()) : "");
                    throw new ProblemException(400, "validation", List.of(new Problem.FieldViolation(d.name(), code,
                            message)));
                }
            }
        }
    }

    /** The field code refusing {@code value} as a {@code type}, or null when it reads. */
    static String problemWith(Class<?> type, String value) {
        try {
            if (type.isEnum()) {
                return Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value))
                        ? null : "parameter.one-of";
            }
            if (type == UUID.class) {
                return UUID_FORM.matcher(value).matches() ? null : "parameter.uuid";
            }
            if (type == LocalDate.class) {
                return DateRange.within(LocalDate.parse(value).getYear()) ? null : DateRange.CODE;
            }
            if (type == OffsetDateTime.class) {
                return DateRange.within(OffsetDateTime.parse(value).getYear()) ? null : DateRange.CODE;
            }
            if (type == Instant.class) {
                return DateRange.within(Instant.parse(value).atOffset(ZoneOffset.UTC).getYear()) ? null : DateRange.CODE;
            }
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            }
            return null;
        } catch (DateTimeParseException e) {
            return type == LocalDate.class ? "parameter.date" : "parameter.date-time";
        } catch (NumberFormatException e) {
            return "parameter.whole-number";
        }
    }

    private static String allowed(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }

    static List<Declared> declaredBy(Method method) {
        List<Declared> out = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            add(p, p.getParameterizedType(), out);
        }
        return List.copyOf(out);
    }

    private static void add(AnnotatedElement element, Type type, List<Declared> out) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        PathParam path = element.getAnnotation(PathParam.class);
        if (query != null || path != null) {
            out.add(new Declared(query != null ? query.value() : path.value(), path != null, elementType(type)));
        } else if (element.isAnnotationPresent(BeanParam.class) && type instanceof Class<?> bean) {
            for (Field f : bean.getDeclaredFields()) {
                add(f, f.getGenericType(), out);
            }
        }
    }

    /** The type of each value: a collection's element type, else the declared class. */
    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw) && generic.getActualTypeArguments()[0] instanceof Class<?> e) {
            return e;
        }
        return type instanceof Class<?> c ? c : Object.class;
    }
}
