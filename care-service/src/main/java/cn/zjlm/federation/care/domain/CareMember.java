package cn.zjlm.federation.care.domain;

import cn.zjlm.federation.commons.events.MemberReadModel;
import cn.zjlm.federation.commons.events.MemberSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
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
public class CareMember extends MemberReadModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Honour levels from highest to lowest. */
    public static final List<String> LEVELS = List.of("NATIONAL", "PROVINCIAL", "CITY", "COUNTY");

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

    @Override
    protected void copy(MemberSnapshot s) {
        super.copy(s);
        deceasedOn = s.deceasedOn();
        sector = s.sector();
        nationalIdIndex = s.nationalIdIndex();
        accountSubject = s.accountSubject();
        honours = s.honours().toString();
        parsedHonours = null;
    }

    public record Honour(String honourType, String category, String level, String title, int year,
            boolean nationalTreatment, LocalDate revokedOn) {
        public boolean isRevoked() {
            return revokedOn != null;
        }
    }

    /** Parsed once per entity instance: eligibility checks read it several times per member. */
    @jakarta.persistence.Transient
    private List<Honour> parsedHonours;

    public List<Honour> honourList() {
        if (parsedHonours == null) {
            parsedHonours = parseHonours();
        }
        return parsedHonours;
    }

    private List<Honour> parseHonours() {
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
