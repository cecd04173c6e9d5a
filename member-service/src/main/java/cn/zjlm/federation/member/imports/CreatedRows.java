package cn.zjlm.federation.member.imports;

import cn.zjlm.federation.commons.persistence.CopyIn;
import cn.zjlm.federation.member.domain.Member;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** The member each row of an import created (import_created_row), stored with the members in their transaction. */
public final class CreatedRows {
    /** A row of the file and the member it created. */
    public record CreatedRow(int row, UUID memberId) {
    }

    private CreatedRows() {
    }

    /** A writer of created rows by COPY in the current transaction, sent with {@link CopyIn#flush}. */
    static CopyIn copy(Session session) {
        return new CopyIn(session, "import_created_row", List.of("job_id", "row_number", "member_id"),
                Integer.MAX_VALUE);
    }

    /** One created row, in the current transaction (a row registered alone). */
    static void record(UUID job, int row, UUID member) {
        Member.getEntityManager().createNativeQuery(
                        "insert into import_created_row (job_id, row_number, member_id) values (?1, ?2, ?3)")
                .setParameter(1, job).setParameter(2, row).setParameter(3, member).executeUpdate();
    }

    /**
     * How many rows the job has created so far: a valid-only import commits chunk by chunk, and one that fails
     * half-way keeps the chunks it committed.
     */
    public static long count(UUID job) {
        return ((Number) Member.getEntityManager()
                .createNativeQuery("select count(*) from import_created_row where job_id = ?1").setParameter(1, job)
                .getSingleResult()).longValue();
    }

    /** The job's created rows in file order, {@code size} from {@code offset}. */
    @SuppressWarnings("unchecked")
    public static List<CreatedRow> page(UUID job, int offset, int size) {
        List<Object[]> rows = Member.getEntityManager().createNativeQuery(
                        "select row_number, member_id from import_created_row where job_id = ?1 order by row_number")
                .setParameter(1, job).setFirstResult(offset).setMaxResults(size).getResultList();
        return rows.stream().map(r -> new CreatedRow(((Number) r[0]).intValue(), (UUID) r[1])).toList();
    }
}
