package cn.zjlm.federation.volunteer.domain;

import cn.zjlm.federation.commons.error.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import org.hibernate.annotations.BatchSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A volunteer activity: draft → published → ongoing → completed, or cancelled before completion. */
@Entity
public class Activity extends PanacheEntityBase {
    /** The longest window an activity may have. */
    public static final int MAX_DAYS = 90;
    public static final List<String> KINDS = List.of("TECHNICAL_SERVICE", "LECTURE", "SCHOOL_VISIT", "FREE_CLINIC",
            "VOLUNTEER_MONTH", "CRAFTSMAN_DAY", "OTHER");

    public enum State { DRAFT, PUBLISHED, ONGOING, COMPLETED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "association_code")
    public String associationCode;

    public String kind;

    public String title;

    public String description;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String place;

    public int capacity;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @jakarta.persistence.Embedded
    public Outcomes outcomes;

    // Loaded when a view needs them, a page of activities at a time.
    @ElementCollection(fetch = FetchType.LAZY)
    @BatchSize(size = 100)
    @CollectionTable(name = "activity_team", joinColumns = @JoinColumn(name = "activity_id"))
    @Column(name = "team_id")
    public Set<UUID> teamIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @BatchSize(size = 100)
    @CollectionTable(name = "activity_beneficiary", joinColumns = @JoinColumn(name = "activity_id"))
    public List<Beneficiary> beneficiaries = new ArrayList<>();

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    public long version;

    /** Who benefits: an enterprise (with its GB 32100 code), a school or a community. */
    @Embeddable
    public record Beneficiary(String kind, String name, @Column(name = "credit_code") String creditCode) {
    }

    /** What an activity achieved, filed on completion; economic benefit in 万元. */
    @Embeddable
    public record Outcomes(@Column(name = "enterprises_served") Integer enterprisesServed,
            @Column(name = "problems_solved") Integer problemsSolved,
            @Column(name = "suggestions_made") Integer suggestionsMade,
            @Column(name = "suggestions_adopted") Integer suggestionsAdopted,
            @Column(name = "people_reached") Integer peopleReached,
            @Column(name = "economic_benefit") BigDecimal economicBenefit) {
    }

    public boolean isOpenForSignUp() {
        return state == State.PUBLISHED || state == State.ONGOING;
    }

    public void publish() {
        require("publish", State.DRAFT);
        state = State.PUBLISHED;
        publishedAt = Instant.now();
    }

    public void start() {
        require("start", State.PUBLISHED);
        state = State.ONGOING;
    }

    public void complete(Outcomes filed) {
        require("complete", State.ONGOING);
        state = State.COMPLETED;
        outcomes = filed;
        completedAt = Instant.now();
    }

    public void cancel(String reason) {
        require("cancel", State.DRAFT, State.PUBLISHED, State.ONGOING);
        state = State.CANCELLED;
        cancelReason = reason;
    }

    /** Details can change until the activity is under way. */
    public void requireEditable() {
        require("change", State.DRAFT, State.PUBLISHED);
    }

    private void require(String step, State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw ProblemException.conflict("activity-illegal-transition", step, state,
                String.join(", ", java.util.Arrays.stream(allowed).map(Enum::name).toList()));
    }
}
