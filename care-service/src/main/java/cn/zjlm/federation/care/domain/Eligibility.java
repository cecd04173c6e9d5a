package cn.zjlm.federation.care.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who a programme's rule admits, kept in the rule's parameters ({@code eligibility}): an unrevoked
 * honour of one of the levels, categories and honour types named (an absent list admits any), or
 * national-level treatment (享受全国劳模待遇) where the rule says it counts. Without a block, every
 * living member of the association qualifies.
 */
public record Eligibility(Set<String> levels, Set<String> categories, Set<String> honourTypes,
        boolean nationalTreatment) {

    public static Optional<Eligibility> of(JsonNode parameters) {
        JsonNode e = parameters.path("eligibility");
        if (e.isMissingNode() || e.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new Eligibility(set(e.path("levels")), set(e.path("categories")),
                set(e.path("honourTypes")), e.path("nationalTreatment").asBoolean(false)));
    }

    /** The level the member qualifies at (national-level treatment counts as NATIONAL), if any. */
    public Optional<String> qualifyingLevel(CareMember member) {
        if (nationalTreatment && member.honourList().stream().anyMatch(h -> !h.isRevoked() && h.nationalTreatment())) {
            return Optional.of("NATIONAL");
        }
        return member.honourList().stream().filter(h -> !h.isRevoked()).filter(this::admits)
                .map(CareMember.Honour::level).min(Comparator.comparingInt(CareMember.LEVELS::indexOf));
    }

    private boolean admits(CareMember.Honour h) {
        return (levels.isEmpty() || levels.contains(h.level()))
                && (categories.isEmpty() || categories.contains(h.category()))
                && (honourTypes.isEmpty() || honourTypes.contains(h.honourType()));
    }

    private static Set<String> set(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
