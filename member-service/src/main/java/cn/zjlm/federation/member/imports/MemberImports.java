package cn.zjlm.federation.member.imports;

import cn.zjlm.federation.commons.audit.AuditTrail;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.error.Violations;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.outbox.Outbox;
import cn.zjlm.federation.commons.outbox.OutboxEvent;
import cn.zjlm.federation.commons.persistence.CopyIn;
import cn.zjlm.federation.commons.persistence.EntityCopy;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.commons.text.Sha256;
import cn.zjlm.federation.member.api.HonourRequest;
import cn.zjlm.federation.member.api.MemberRequest;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHistory;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberHonours;
import cn.zjlm.federation.member.domain.MemberRegistry;
import cn.zjlm.federation.member.events.MemberEvents;
import cn.zjlm.federation.member.imports.RegistrationFormReader.FormRow;
import cn.zjlm.federation.member.imports.RowReport.MergeSuggestion;
import cn.zjlm.federation.member.imports.RowReport.Outcome;
import cn.zjlm.federation.member.imports.RowReport.RowError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Bulk import of registration forms. Every row is assessed completely (fields, cross-field rules,
 * duplicates within the file and in the registry) before anything is written; then a dry run
 * writes nothing, all-or-nothing writes everything or nothing, valid-only writes the valid rows.
 * Rows already registered with the same data are UNCHANGED, so importing a file again changes nothing.
 */
@ApplicationScoped
public class MemberImports {
    private static final Logger LOG = Logger.getLogger(MemberImports.class);
    /** Rows assessed, and written, per round: a COPY per table each. */
    private static final int CHUNK = 1000;
    /** A file of the largest size (100,000 rows) is written in one transaction in all-or-nothing mode. */
    private static final int ALL_OR_NOTHING_TIMEOUT_SECONDS = 1800;

    @Inject
    MemberRegistry registry;

    @Inject
    MemberHonours honours;

    @Inject
    PiiCipher cipher;

    @Inject
    Validator validator;

    @Inject
    ObjectMapper mapper;

    @Inject
    AuditTrail audit;

    @Inject
    MemberEvents events;

    @Inject
    Outbox outbox;

    /** Imports run one at a time per instance, off the request threads. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "member-import");
        t.setDaemon(true);
        return t;
    });

    /** Assesses the next chunk and makes its rows while the import's thread copies the current one (all-or-nothing). */
    private final ExecutorService rowMaker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "member-import-rows");
        t.setDaemon(true);
        return t;
    });

    /**
     * Rows held by the imports waiting or running on this instance (a parsed file of 100,000 rows takes tens of
     * MB): an import that would take them past two full files is refused (429) until others finish.
     */
    private static final int MAX_PENDING_ROWS = 2 * RegistrationFormReader.MAX_ROWS;
    private final AtomicInteger pendingRows = new AtomicInteger();

    /** A row that passed assessment and can be registered, with its ID number's blind index. */
    record Planned(int row, MemberRequest member, HonourRequest honour, String nationalIdIndex) {
    }

    public ImportJob submit(byte[] file, boolean xlsx, String fileName, ImportJob.Mode mode, AssociationScope scope,
            String actor) {
        List<FormRow> rows = RegistrationFormReader.read(file, xlsx);
        int held = rows.size();
        if (pendingRows.addAndGet(held) > MAX_PENDING_ROWS) {
            pendingRows.addAndGet(-held);
            throw ProblemException.tooManyRequests(60);
        }
        try {
            return queue(file, rows, fileName, mode, scope, actor);
        } catch (RuntimeException e) {
            pendingRows.addAndGet(-held);
            throw e;
        }
    }

    private ImportJob queue(byte[] file, List<FormRow> rows, String fileName, ImportJob.Mode mode,
            AssociationScope scope, String actor) {
        AuditTrail.Actor who = audit.currentActor();
        ImportJob job = QuarkusTransaction.requiringNew().call(() -> {
            ImportJob j = new ImportJob();
            j.id = UUID.randomUUID();
            j.associationCode = scope.associationCode();
            j.createdBy = actor;
            j.mode = mode;
            j.fileName = fileName;
            j.fileSha256 = Sha256.hex(file);
            j.status = ImportJob.Status.QUEUED;
            j.total = rows.size();
            j.createdAt = Instant.now();
            j.persist();
            audit.record(who, "MEMBERS_IMPORT_SUBMITTED", "import/" + j.id, "SUCCESS",
                    mode + ", " + rows.size() + " rows, sha256 " + j.fileSha256);
            return j;
        });
        worker.execute(() -> {
            try {
                run(job.id, rows, mode, scope, actor);
            } finally {
                pendingRows.addAndGet(-rows.size());
            }
        });
        return job;
    }

    void run(UUID jobId, List<FormRow> rows, ImportJob.Mode mode, AssociationScope scope, String actor) {
        update(jobId, j -> j.status = ImportJob.Status.RUNNING);
        long started = System.nanoTime();
        try {
            Reports reports = new Reports();
            WriteTimes times = new WriteTimes();
            boolean committed;
            if (mode == ImportJob.Mode.ALL_OR_NOTHING) {
                committed = assessAndWriteAll(jobId, rows, scope, actor, reports, times);
            } else {
                Map<String, Integer> seen = new HashMap<>();
                for (int from = 0; from < rows.size(); from += CHUNK) {
                    List<Planned> plan = assessChunk(rows.subList(from, Math.min(rows.size(), from + CHUNK)), scope,
                            seen, reports::add);
                    if (mode == ImportJob.Mode.VALID_ONLY) {
                        create(jobId, plan, scope, actor, reports, times);
                    }
                    int done = Math.min(rows.size(), from + CHUNK);
                    update(jobId, j -> j.processed = done);
                }
                committed = mode == ImportJob.Mode.VALID_ONLY;
            }
            long written = System.nanoTime();
            // the rows that need attention; created rows are stored with their members (CreatedRows)
            String report = mapper.writeValueAsString(reports.all().stream()
                    .filter(RowReport::needsAttention)
                    .toList());
            update(jobId, j -> {
                j.status = ImportJob.Status.COMPLETED;
                j.committed = committed;
                j.created = reports.count(Outcome.CREATED);
                j.unchanged = reports.count(Outcome.UNCHANGED);
                j.invalid = reports.count(Outcome.INVALID);
                j.duplicates = reports.count(Outcome.DUPLICATE);
                j.report = report;
                j.finishedAt = Instant.now();
            });
            // the phases' times, for whoever wonders why an import takes long (rows are counted in the job)
            LOG.infof("import %s %s: rows assessed and written in %d ms (rows made in %d ms, waited for %d ms; "
                    + "copied in %d ms: %s), report stored in %d ms", jobId, mode, (written - started) / 1_000_000,
                    times.building / 1_000_000, times.waiting / 1_000_000, times.copyingMillis(),
                    times.copyingByTable(),
                    (System.nanoTime() - written) / 1_000_000);
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.errorf(e, "import %s failed", jobId);
            update(jobId, j -> {
                j.status = ImportJob.Status.FAILED;
                j.committed = false;
                // the database's message can quote a row: the report names only what failed
                j.failure = e instanceof ProblemException p ? p.code() : "write-failed: " + e.getClass().getSimpleName();
                j.finishedAt = Instant.now();
            });
        }
    }

    /** Registers a chunk in one transaction; if that fails (a race), row by row so one bad row costs only itself. */
    private void create(UUID jobId, List<Planned> chunk, AssociationScope scope, String actor, Reports reports,
            WriteTimes times) {
        try {
            List<RowReport> created = QuarkusTransaction.requiringNew().call(() ->
                    write(jobId, chunk, actor, times));
            created.forEach(reports::replace);
        } catch (RuntimeException chunkFailed) {
            for (Planned p : chunk) {
                try {
                    reports.replace(QuarkusTransaction.requiringNew().call(() -> register(jobId, p, scope, actor)));
                } catch (ProblemException e) {
                    List<RowError> errors = e.violations().stream().map(v -> error(v.field(), v.code(), null)).toList();
                    reports.replace(new RowReport(p.row(), "duplicate".equals(e.code()) ? Outcome.DUPLICATE
                            : Outcome.INVALID, null, errors.isEmpty() ? List.of(error(null, e.code(), null)) : errors,
                            null));
                }
            }
        }
    }

    /**
     * Registers assessed rows in the current transaction, written by COPY (an insert per row made a 100,000-row
     * import take minutes). {@link #register} checks a row again, alone.
     */
    private List<RowReport> write(UUID jobId, List<Planned> rows, String actor, WriteTimes times) {
        outbox.wakeRelayOnCommit();
        ChunkRows chunk = make(new ChunkRows(Member.getSession()), jobId, rows, actor);
        times.building += chunk.makingNanos;
        times.waiting += chunk.makingNanos; // not overlapped here
        return send(chunk, times);
    }

    /** A chunk's rows assessed in a transaction of their own: the rows that can be registered. */
    private List<Planned> assessChunk(List<FormRow> chunk, AssociationScope scope, Map<String, Integer> seen,
            java.util.function.Consumer<RowReport> reported) {
        List<Planned> plan = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            Registered registered = registered(chunk);
            for (FormRow row : chunk) {
                reported.accept(assess(row, scope, seen, registered, plan));
            }
        });
        return plan;
    }

    /** A chunk assessed, and its rows made while every row so far was valid (null after that). */
    private record Step(List<RowReport> reports, ChunkRows rows) {
    }

    /** Thrown to roll an all-or-nothing import back when a row needs attention. */
    private static final class NotClean extends RuntimeException {
        NotClean() {
            super(null, null, false, false);
        }
    }

    /**
     * All-or-nothing in one transaction that writes rows as they are assessed: a second thread assesses each chunk
     * and makes its rows while PostgreSQL copies the previous chunk's (making rows and copying them one after the
     * other, then assessing and writing, were each a third or more of the import). The first row that needs
     * attention stops the writing; the rest is still assessed for the report and the transaction rolls back.
     * True if the rows were committed.
     */
    private boolean assessAndWriteAll(UUID jobId, List<FormRow> rows, AssociationScope scope, String actor,
            Reports reports, WriteTimes times) {
        Map<String, Integer> seen = new HashMap<>(); // used by the second thread only, a chunk after another
        AtomicBoolean clean = new AtomicBoolean(true);
        try {
            QuarkusTransaction.requiringNew().timeout(ALL_OR_NOTHING_TIMEOUT_SECONDS).run(() -> {
                outbox.wakeRelayOnCommit();
                Session session = Member.getSession();
                Future<Step> next = null;
                try {
                    for (int from = 0; from < rows.size(); from += CHUNK) {
                        if (next == null) {
                            next = stepLater(session, jobId, rows, from, scope, seen, clean, actor);
                        }
                        long waiting = System.nanoTime();
                        Step step = next.get();
                        times.waiting += System.nanoTime() - waiting;
                        next = from + CHUNK < rows.size()
                                ? stepLater(session, jobId, rows, from + CHUNK, scope, seen, clean, actor) : null;
                        step.reports().forEach(reports::add);
                        if (step.rows() != null && clean.get()) {
                            times.building += step.rows().makingNanos;
                            send(step.rows(), times).forEach(reports::replace);
                        }
                        int done = Math.min(rows.size(), from + CHUNK);
                        update(jobId, j -> j.processed = done); // a transaction of its own: progress shows
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("import interrupted", e);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } finally {
                    if (next != null) {
                        next.cancel(true);
                    }
                }
                if (!clean.get()) {
                    throw new NotClean();
                }
            });
            return true;
        } catch (NotClean rolledBack) {
            reports.notCreated();
            return false;
        }
    }

    private Future<Step> stepLater(Session session, UUID jobId, List<FormRow> rows, int from, AssociationScope scope,
            Map<String, Integer> seen, AtomicBoolean clean, String actor) {
        // the writers are made here, on the transaction's thread; the other thread only fills them
        ChunkRows target = new ChunkRows(session);
        List<FormRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
        return rowMaker.submit(() -> {
            List<RowReport> reported = new ArrayList<>();
            List<Planned> plan = assessChunk(chunk, scope, seen, reported::add);
            if (reported.stream().anyMatch(RowReport::needsAttention)) {
                clean.set(false);
            }
            return new Step(reported, clean.get() ? make(target, jobId, plan, actor) : null);
        });
    }

    /**
     * A chunk's rows: the member with the honour levels its row's honour gives (so the levels trigger rewrites no
     * row), the honour, history entries as registering and recording one by one would write them, one
     * MemberRegistered whose snapshot holds the honour, and the row's created member. Touches no connection.
     */
    private ChunkRows make(ChunkRows chunk, UUID jobId, List<Planned> rows, String actor) {
        long started = System.nanoTime();
        for (Planned p : rows) {
            Member m = registry.newMember(p.member(), p.nationalIdIndex(), actor);
            List<MemberHonour> held = p.honour() == null ? List.of()
                    : List.of(MemberHonours.newHonour(m, p.honour(), actor));
            m.holdLevelsOf(held);
            chunk.members.add(m);
            chunk.history.add(MemberHistory.registered(m));
            for (MemberHonour h : held) {
                chunk.honours.add(h);
                chunk.history.add(MemberHistory.honourRecorded(h));
            }
            chunk.outbox.add(events.registeredRow(m, held));
            chunk.createdRows.row(jobId, p.row(), m.id);
            chunk.created.add(new RowReport(p.row(), Outcome.CREATED, m.id, List.of(), null));
        }
        chunk.makingNanos = System.nanoTime() - started;
        return chunk;
    }

    private static List<RowReport> send(ChunkRows chunk, WriteTimes times) {
        long at = System.nanoTime();
        chunk.members.flush(); // before the rows that refer to members
        at = times.copied(WriteTimes.MEMBERS, at);
        chunk.honours.flush();
        at = times.copied(WriteTimes.HONOURS, at);
        chunk.history.flush();
        at = times.copied(WriteTimes.HISTORY, at);
        chunk.outbox.flush();
        at = times.copied(WriteTimes.EVENTS, at);
        chunk.createdRows.flush();
        times.copied(WriteTimes.CREATED_ROWS, at);
        return chunk.created;
    }

    /** The rows made for a chunk, sent by COPY on the transaction's connection. */
    private static final class ChunkRows {
        final EntityCopy<Member> members;
        final EntityCopy<MemberHonour> honours;
        final EntityCopy<MemberHistory> history;
        final EntityCopy<OutboxEvent> outbox;
        final CopyIn createdRows;
        final List<RowReport> created = new ArrayList<>();
        long makingNanos;

        ChunkRows(Session session) {
            members = new EntityCopy<>(session, Member.class, Integer.MAX_VALUE);
            honours = new EntityCopy<>(session, MemberHonour.class, Integer.MAX_VALUE);
            history = new EntityCopy<>(session, MemberHistory.class, Integer.MAX_VALUE);
            outbox = new EntityCopy<>(session, OutboxEvent.class, Integer.MAX_VALUE);
            createdRows = CreatedRows.copy(session);
        }
    }

    /**
     * Registered members a chunk's rows name, by blind index, with the honours each holds (title and year); and
     * the blind indexes computed for the chunk, by normalized ID number, so a row's is computed once.
     */
    record Registered(Map<String, Member> byIndex, Map<UUID, Set<Honour>> honours, Map<String, String> indexes) {
        record Honour(String title, int year) {
        }
    }

    /** The registered members whose ID numbers the chunk's rows carry, and their honours: two queries a chunk. */
    private Registered registered(List<FormRow> chunk) {
        Map<String, String> indexByNationalId = new HashMap<>();
        chunk.stream().map(r -> r.get(ImportColumns.NATIONAL_ID)).filter(Objects::nonNull)
                .filter(NationalIdNumber::isValid).map(NationalIdNumber::normalize)
                .forEach(id -> indexByNationalId.computeIfAbsent(id, cipher::blindIndex));
        List<String> indexes = List.copyOf(indexByNationalId.values());
        Map<String, Member> found = new HashMap<>();
        Map<UUID, Set<Registered.Honour>> honoursHeld = new HashMap<>();
        if (!indexes.isEmpty()) {
            Member.<Member>list("nationalIdIndex in ?1", indexes).forEach(m -> found.put(m.nationalIdIndex, m));
        }
        if (!found.isEmpty()) {
            MemberHonour.<MemberHonour>list("memberId in ?1", found.values().stream().map(m -> m.id).toList())
                    .forEach(h -> honoursHeld.computeIfAbsent(h.memberId, k -> new HashSet<>())
                            .add(new Registered.Honour(h.title, h.year)));
        }
        return new Registered(found, honoursHeld, indexByNationalId);
    }

    private RowReport register(UUID jobId, Planned p, AssociationScope scope, String actor) {
        Member m = registry.register(p.member(), scope, actor);
        if (p.honour() != null) {
            honours.record(m.id, p.honour(), scope, actor);
        }
        CreatedRows.record(jobId, p.row(), m.id);
        return new RowReport(p.row(), Outcome.CREATED, m.id, List.of(), null);
    }

    RowReport assess(FormRow row, AssociationScope scope, Map<String, Integer> seen, Registered registered,
            List<Planned> plan) {
        List<RowError> errors = new ArrayList<>();
        // as in a JSON body: a control character (NUL above all, which PostgreSQL refuses) is a field error, not a
        // failed write
        row.columns().forEach((header, column) -> {
            if (column < row.cells().length && row.cells()[column] != null
                    && cn.zjlm.federation.commons.text.ControlCharacters.present(row.cells()[column])) {
                String field = ImportColumns.FIELD.entrySet().stream().filter(e -> e.getValue().equals(header))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                errors.add(new RowError(field, header, cn.zjlm.federation.commons.text.ControlCharacters.CODE, null));
            }
        });
        if (!errors.isEmpty()) {
            return new RowReport(row.number(), Outcome.INVALID, null, errors, null);
        }
        MemberRequest member = null;
        HonourRequest honour = null;
        try {
            member = RowMapping.member(row);
            honour = RowMapping.honour(row);
        } catch (ImportColumns.BadValue bad) {
            errors.add(error(bad.field, bad.code, null));
        }
        if (member != null) {
            for (ConstraintViolation<MemberRequest> v : validator.validate(member)) {
                errors.add(error(v.getPropertyPath().toString(), Violations.code(v), v.getMessage()));
            }
        }
        if (honour != null) {
            for (ConstraintViolation<HonourRequest> v : validator.validate(honour)) {
                errors.add(error(v.getPropertyPath().toString(), Violations.code(v), v.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return new RowReport(row.number(), Outcome.INVALID, null, errors, null);
        }
        String nationalId = NationalIdNumber.normalize(member.nationalId());
        for (Problem.FieldViolation v : registry.consistencyProblems(member, nationalId, scope)) {
            errors.add(error(v.field(), v.code(), null));
        }
        if (honour != null && !MemberHonours.possibleYear(NationalIdNumber.birthDateOf(nationalId).orElseThrow(),
                honour.year())) {
            errors.add(error("year", "honour.year-impossible", null));
        }
        if (!errors.isEmpty()) {
            return new RowReport(row.number(), Outcome.INVALID, null, errors, null);
        }
        String index = registered.indexes().computeIfAbsent(nationalId, cipher::blindIndex);
        Integer earlier = seen.putIfAbsent(index, row.number());
        if (earlier != null) {
            return new RowReport(row.number(), Outcome.DUPLICATE, null,
                    List.of(error("nationalId", "import.duplicate-in-file", null)),
                    new MergeSuggestion(null, earlier, List.of()));
        }
        Member existing = registered.byIndex().get(index);
        if (existing == null) {
            plan.add(new Planned(row.number(), member, honour, index));
            return new RowReport(row.number(), Outcome.VALID, null, List.of(), null);
        }
        List<String> differences = differences(existing, member, honour,
                registered.honours().getOrDefault(existing.id, Set.of()));
        if (differences.isEmpty()) {
            return new RowReport(row.number(), Outcome.UNCHANGED, existing.id, List.of(), null);
        }
        // Another association's member is named only as "registered elsewhere".
        boolean visible = scope.covers(existing.associationCode);
        return new RowReport(row.number(), Outcome.DUPLICATE, null,
                List.of(error("nationalId", visible ? "national-id.already-registered" : "import.registered-elsewhere",
                        null)),
                visible ? new MergeSuggestion(existing.id, null, differences) : null);
    }

    private List<String> differences(Member m, MemberRequest r, HonourRequest honour, Set<Registered.Honour> honoursHeld) {
        List<String> fields = new ArrayList<>();
        compare(fields, "name", m.name, r.name().strip());
        compare(fields, "gender", m.gender, r.gender());
        compare(fields, "ethnicity", m.ethnicity, r.ethnicity());
        compare(fields, "phone", m.phoneCipher == null ? null : cipher.decrypt(m.phoneCipher),
                r.phone() == null ? null : r.phone().strip());
        compare(fields, "employer", m.employer, r.employer());
        compare(fields, "employerCreditCode", m.employerCreditCode,
                r.employerCreditCode() == null ? null : r.employerCreditCode().strip().toUpperCase());
        compare(fields, "sector", m.sector, r.sector());
        compare(fields, "occupation", m.occupation, r.occupation());
        compare(fields, "education", m.education, r.education());
        compare(fields, "politicalStatus", m.politicalStatus, r.politicalStatus());
        compare(fields, "address", m.address, r.address());
        compare(fields, "associationCode", m.associationCode, r.associationCode());
        if (r.status() != null) {
            compare(fields, "status", m.status, r.status());
        }
        compare(fields, "deceasedOn", m.deceasedOn, r.deceasedOn());
        compare(fields, "notes", m.notes, r.notes());
        if (honour != null && !honoursHeld.contains(new Registered.Honour(honour.title().strip(), honour.year()))) {
            fields.add("honours");
        }
        return fields;
    }

    private static void compare(List<String> fields, String field, Object registered, Object imported) {
        if (imported != null && !Objects.equals(registered, imported)) {
            fields.add(field);
        }
    }

    private static RowError error(String field, String code, String message) {
        return new RowError(field, field == null ? null : ImportColumns.FIELD.get(field), code, message);
    }

    /** Where writing went: making the rows (encryption, events) and PostgreSQL taking them (COPY). */
    private static final class WriteTimes {
        long building;
        /** Of which not overlapped with copying. */
        long waiting;
        static final int MEMBERS = 0;
        static final int HONOURS = 1;
        static final int HISTORY = 2;
        static final int EVENTS = 3;
        static final int CREATED_ROWS = 4;
        private static final String[] TABLES = {"members", "honours", "history", "events", "created rows"};
        /** COPY time per table, in the order above. */
        private final long[] copying = new long[TABLES.length];

        /** Adds the time since {@code since} to a table's copying; now, for the next table. */
        long copied(int table, long since) {
            long now = System.nanoTime();
            copying[table] += now - since;
            return now;
        }

        long copyingMillis() {
            return java.util.Arrays.stream(copying).sum() / 1_000_000;
        }

        String copyingByTable() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < TABLES.length; i++) {
                out.append(i == 0 ? "" : ", ").append(TABLES[i]).append(' ').append(copying[i] / 1_000_000);
            }
            return out.toString();
        }
    }

    /** The rows' reports in file order, each replaceable by row number without a search. */
    private static final class Reports {
        private final List<RowReport> list = new ArrayList<>();
        private final Map<Integer, Integer> positions = new HashMap<>();

        void add(RowReport report) {
            positions.put(report.row(), list.size());
            list.add(report);
        }

        void replace(RowReport report) {
            list.set(positions.get(report.row()), report);
        }

        List<RowReport> all() {
            return list;
        }

        /** Rows written by a transaction that rolled back: valid, not created. */
        void notCreated() {
            list.replaceAll(r -> r.outcome() == Outcome.CREATED
                    ? new RowReport(r.row(), Outcome.VALID, null, List.of(), null) : r);
        }

        int count(Outcome outcome) {
            return (int) list.stream().filter(r -> r.outcome() == outcome).count();
        }
    }

    private static void update(UUID jobId, java.util.function.Consumer<ImportJob> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(ImportJob.findById(jobId)));
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        rowMaker.shutdownNow();
    }
}
