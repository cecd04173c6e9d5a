package cn.zjlm.federation.commons.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Dates people mean have four-digit years. ISO-8601 also reads "+999999999-12-31", which overflows Java's
 * arithmetic or PostgreSQL's range far from where it came in; such a value is refused as the field's error.
 */
@Singleton
public class DateRange implements ObjectMapperCustomizer {
    public static final String CODE = "date.year-range";
    public static final int MIN_YEAR = 1000;
    public static final int MAX_YEAR = 9999;

    public static boolean within(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // after Quarkus registers the java.time module, so these take precedence
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("date-range")
                .addDeserializer(LocalDate.class, checked(LocalDate.class, LocalDateDeserializer.INSTANCE, LocalDate::getYear))
                .addDeserializer(OffsetDateTime.class, checked(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME,
                        OffsetDateTime::getYear))
                .addDeserializer(Instant.class, checked(Instant.class, InstantDeserializer.INSTANT,
                        i -> i.atOffset(ZoneOffset.UTC).getYear())));
    }

    private static <T> JsonDeserializer<T> checked(Class<T> type, JsonDeserializer<? extends T> parse,
            Function<T, Integer> yearOf) {
        return new StdDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                T value = parse.deserialize(p, ctxt);
                if (value != null && !within(yearOf.apply(value))) {
                    throw new ControlCharacters.InJson(p, CODE, type);
                }
                return value;
            }
        };
    }
}
