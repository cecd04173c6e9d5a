package cn.zjlm.federation.member.imports;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One import of a registration-form file: its mode, progress and final per-row report. */
@Entity
@Table(name = "import_job")
public class ImportJob extends PanacheEntityBase {
    public enum Mode { DRY_RUN, ALL_OR_NOTHING, VALID_ONLY }

    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    @Id
    public UUID id;

    /** The importing caller's association; the job is visible within its scope. */
    @Column(name = "association_code")
    public String associationCode;

    @Column(name = "created_by")
    public String createdBy;

    @Enumerated(EnumType.STRING)
    public Mode mode;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "file_sha256")
    public String fileSha256;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int total;
    public int processed;
    public int created;
    public int unchanged;
    public int invalid;
    public int duplicates;

    /** Whether rows were written: false for a dry run or a refused all-or-nothing import. */
    public Boolean committed;

    public String failure;

    /** Rows that need attention (invalid, duplicate), as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String report;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
