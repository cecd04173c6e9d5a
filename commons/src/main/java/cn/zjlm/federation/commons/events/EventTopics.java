package cn.zjlm.federation.commons.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic the platform uses, with its partition count. The version suffix changes only
 * with an incompatible contract change; records are keyed by aggregate id, so each aggregate's
 * events stay in order.
 */
public final class EventTopics {
    public static final String MEMBER = "federation.member.events.v1";
    public static final String HONORS = "federation.honors.events.v1";
    public static final String CARE = "federation.care.events.v1";
    public static final String VOLUNTEER = "federation.volunteer.events.v1";

    public static final List<String> SERVICES = List.of("member-service", "honors-service", "care-service",
            "events-service");

    private EventTopics() {
    }

    /** Where a service's consumer parks a message it cannot process, with the reason in headers. */
    public static String deadLetter(String service) {
        return "federation.dlq." + service + ".v1";
    }

    public static Map<String, Integer> all() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        for (String topic : List.of(MEMBER, HONORS, CARE, VOLUNTEER)) {
            topics.put(topic, 6);
        }
        for (String service : SERVICES) {
            topics.put(deadLetter(service), 1);
        }
        return topics;
    }
}
