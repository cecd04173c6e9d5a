package cn.zjlm.federation.care.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member as care-service knows them, from member events (docs/events/Member*.schema.json). */
@Entity
@Table(name = "care_member")
public class CareMember extends PanacheEntityBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Honour levels from highest to lowest. */
    public static final List<String> LEVELS = List.of("NATIONAL", "PROVINCIAL", "CITY", "COUNTY");

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "association_code")
    public String associationCode;

    public String name;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String status;

    @Column(name = "deceased_on")
    public LocalDate deceasedOn;

    public String sector;

    @Column(name = "national_id_index")
    public String nationalIdIndex;

    @Column(name = "account_subject")
    public UUID accountSubject;

    /** The member's honours as carried by member events, revoked ones included. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String honours;

    /** Version of the member record this row reflects; older events are ignored. */
    @Column(name = "member_version")
    public long memberVersion;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public record Honour(String honourType, String category, String level, String title, int year,
            boolean nationalTreatment, LocalDate revokedOn) {
        public boolean isRevoked() {
            return revokedOn != null;
        }
    }

    public boolean isDeceased() {
        return "DECEASED".equals(status);
    }

    public List<Honour> honourList() {
        try {
            List<Honour> out = new ArrayList<>();
            for (JsonNode h : JSON.readTree(honours == null ? "[]" : honours)) {
                out.add(new Honour(h.hasNonNull("honourType") ? h.path("honourType").asText() : null,
                        h.path("category").asText(), h.path("level").asText(), h.path("title").asText(),
                        h.path("year").asInt(), h.path("nationalTreatment").asBoolean(),
                        h.hasNonNull("revokedOn") ? LocalDate.parse(h.path("revokedOn").asText()) : null));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<CareMember> byAccount(UUID subject) {
        return find("accountSubject", subject).firstResultOptional();
    }
}
