package cn.zjlm.federation.commons.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A service's copy of a member, kept from member events: the columns every read model has. A
 * service that keeps more adds its columns and overrides {@link #copy(MemberSnapshot)}.
 */
@MappedSuperclass
public abstract class MemberReadModel extends PanacheEntityBase {
    private static final Logger LOG = Logger.getLogger(MemberReadModel.class);

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "association_code")
    public String associationCode;

    public String name;

    @Column(name = "birth_date")
    public LocalDate birthDate;

    public String status;

    /** Version of the member record this row reflects; older events are ignored. */
    @Column(name = "member_version")
    public long memberVersion;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isDeceased() {
        return "DECEASED".equals(status);
    }

    /** Takes the member's state from the snapshot; overrides call super and add their own columns. */
    protected void copy(MemberSnapshot s) {
        associationCode = s.associationCode();
        name = s.name();
        birthDate = s.birthDate();
        status = s.status();
    }

    /**
     * Applies a member event to the row held for the member ({@code held}, or a new one from
     * {@code create}) and persists it; empty when the held row already reflects a newer version
     * (events may arrive out of order).
     */
    public static <T extends MemberReadModel> Optional<T> apply(MemberSnapshot s, T held, Supplier<T> create) {
        if (held != null && !s.isNotOlderThan(held.memberVersion)) {
            LOG.debugf("ignoring version %s of member %s: version %s is held", Long.valueOf(s.version()),
                    s.memberId(), Long.valueOf(held.memberVersion));
            return Optional.empty();
        }
        T row = held != null ? held : create.get();
        row.memberId = s.memberId();
        row.copy(s);
        row.memberVersion = s.version();
        row.updatedAt = Instant.now();
        row.persist();
        return Optional.of(row);
    }
}
