package cn.zjlm.federation.commons.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The member's state carried by every member event (docs/events/Member*.schema.json), for the read
 * models other services keep. Apply it only when {@code version} is not older than the one held.
 */
public record MemberSnapshot(UUID memberId, long version, String associationCode, String name, String gender,
        LocalDate birthDate, String status, LocalDate deceasedOn, String sector, String nationalIdIndex,
        UUID accountSubject, JsonNode honours) {

    public static final Set<String> TYPES = Set.of("MemberRegistered", "MemberUpdated", "MemberDeceased",
            "MemberTransferred", "HonorRecorded", "HonorRevoked");

    /** The snapshot of a member event; empty for any other event type. */
    public static Optional<MemberSnapshot> of(CloudEvent event) {
        if (!TYPES.contains(event.type())) {
            return Optional.empty();
        }
        JsonNode d = event.data();
        return Optional.of(new MemberSnapshot(UUID.fromString(d.path("memberId").asText()), d.path("version").asLong(),
                d.path("associationCode").asText(), d.path("name").asText(), d.path("gender").asText(),
                LocalDate.parse(d.path("birthDate").asText()), d.path("status").asText(),
                d.hasNonNull("deceasedOn") ? LocalDate.parse(d.path("deceasedOn").asText()) : null,
                d.hasNonNull("sector") ? d.path("sector").asText() : null, d.path("nationalIdIndex").asText(),
                d.hasNonNull("accountSubject") ? UUID.fromString(d.path("accountSubject").asText()) : null,
                d.path("honours")));
    }

    /** True when this snapshot may replace one at {@code heldVersion} (null: none held yet). */
    public boolean isNotOlderThan(Long heldVersion) {
        return heldVersion == null || version >= heldVersion;
    }
}
