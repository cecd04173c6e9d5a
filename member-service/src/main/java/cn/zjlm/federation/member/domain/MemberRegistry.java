package cn.zjlm.federation.member.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.Preconditions;
import cn.zjlm.federation.commons.error.Problem;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.Masking;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.member.api.MemberRequest;
import cn.zjlm.federation.member.events.MemberEvents;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import cn.zjlm.federation.commons.persistence.TimeOrderedIds;

/** Registry rules: validation beyond single fields, uniqueness, scope, versioning and events. */
@ApplicationScoped
public class MemberRegistry {
    @Inject
    PiiCipher cipher;

    @Inject
    MemberEvents events;

    @Transactional
    public Member register(MemberRequest request, AssociationScope scope, String actor) {
        String nationalId = NationalIdNumber.normalize(request.nationalId());
        checkConsistency(request, nationalId, scope);
        Member m = newMember(request, actor);
        if (Member.count("nationalIdIndex", m.nationalIdIndex) > 0) {
            throw new ProblemException(409, "duplicate", List.of(new Problem.FieldViolation("nationalId",
                    "national-id.already-registered", null)));
        }
        m.persistAndFlush();
        MemberHistory.registered(m).persist();
        events.registered(m);
        return m;
    }

    /**
     * A new member as registering would store it, not stored: for a bulk writer, with rows whose consistency
     * and ID number were checked against the registry and the file when they were assessed. A registration of
     * the same ID number meanwhile is still refused, by the unique index.
     */
    public Member newMember(MemberRequest request, String actor) {
        return newMember(request, cipher.blindIndex(NationalIdNumber.normalize(request.nationalId())), actor);
    }

    /** {@link #newMember(MemberRequest, String)} with the ID number's blind index, which a bulk writer has already. */
    public Member newMember(MemberRequest request, String nationalIdIndex, String actor) {
        String nationalId = NationalIdNumber.normalize(request.nationalId());
        Member m = new Member();
        // time-ordered: new members append to the primary key and to the honour and history indexes by member
        m.id = TimeOrderedIds.next();
        m.nationalIdCipher = cipher.encrypt(nationalId);
        m.nationalIdIndex = nationalIdIndex;
        apply(m, request, nationalId, false);
        m.createdAt = m.updatedAt = Instant.now();
        m.createdBy = m.updatedBy = actor;
        return m;
    }

    /** Replaces the record if {@code expectedVersion} is current; the ID number itself cannot change here. */
    @Transactional
    public Member update(UUID id, long expectedVersion, MemberRequest request, AssociationScope scope, String actor) {
        Member m = find(id, scope).orElseThrow(() -> ProblemException.notFound("member"));
        Preconditions.requireVersion(m.version, expectedVersion);
        String nationalId = NationalIdNumber.normalize(request.nationalId());
        if (!cipher.blindIndex(nationalId).equals(m.nationalIdIndex)) {
            throw ProblemException.invalidField("nationalId", "national-id.immutable");
        }
        if (!request.associationCode().equals(m.associationCode)) {
            throw ProblemException.invalidField("associationCode", "member.association-change-needs-transfer");
        }
        if (request.status() == MemberStatus.DECEASED && m.status != MemberStatus.DECEASED) {
            throw ProblemException.invalidField("status", "member.death-needs-own-action");
        }
        checkConsistency(request, nationalId, scope);
        Map<String, Object> before = auditedFields(m);
        String phoneBefore = m.phoneCipher == null ? null : cipher.decrypt(m.phoneCipher);
        apply(m, request, nationalId, true);
        Instant now = Instant.now();
        Map<String, Object> after = auditedFields(m);
        recordChanges(m.id, "UPDATED", before, after, actor, now);
        String phoneAfter = m.phoneCipher == null ? null : cipher.decrypt(m.phoneCipher);
        if (!Objects.equals(phoneBefore, phoneAfter) && Objects.equals(before.get("phone"), after.get("phone"))) {
            // a new number that masks like the old one is still a change
            MemberHistory.record(m.id, "UPDATED", "phone", before.get("phone"), after.get("phone"), actor, now);
        }
        m.updatedAt = now;
        m.updatedBy = actor;
        m.persistAndFlush();
        events.updated(m);
        return m;
    }

    /** Records a death (the member's future entitlements and sign-ups stop downstream). */
    @Transactional
    public Member markDeceased(UUID id, long expectedVersion, LocalDate deceasedOn, AssociationScope scope,
            String actor) {
        Member m = find(id, scope).orElseThrow(() -> ProblemException.notFound("member"));
        Preconditions.requireVersion(m.version, expectedVersion);
        if (m.status == MemberStatus.DECEASED) {
            throw ProblemException.conflict("member-already-deceased");
        }
        if (deceasedOn.isBefore(m.birthDate) || deceasedOn.isAfter(ChinaTime.today())) {
            throw ProblemException.invalidField("deceasedOn", "member.deceased-date-impossible");
        }
        Instant now = Instant.now();
        MemberHistory.record(m.id, "DECEASED", "status", m.status, MemberStatus.DECEASED, actor, now);
        MemberHistory.record(m.id, "DECEASED", "deceasedOn", null, deceasedOn, actor, now);
        MemberTransfers.closeOnDeath(m, actor, now);
        m.status = MemberStatus.DECEASED;
        m.deceasedOn = deceasedOn;
        m.updatedAt = now;
        m.updatedBy = actor;
        m.persistAndFlush();
        events.deceased(m);
        return m;
    }

    /** Field values kept in history; sensitive ones only as "changed" markers, never in clear. */
    private Map<String, Object> auditedFields(Member m) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", m.name);
        fields.put("gender", m.gender);
        fields.put("ethnicity", m.ethnicity);
        fields.put("phone", m.phoneCipher == null ? null : Masking.phone(cipher.decrypt(m.phoneCipher)));
        fields.put("employer", m.employer);
        fields.put("employerCreditCode", m.employerCreditCode);
        fields.put("sector", m.sector);
        fields.put("occupation", m.occupation);
        fields.put("education", m.education);
        fields.put("politicalStatus", m.politicalStatus);
        fields.put("address", m.address);
        fields.put("status", m.status);
        fields.put("deceasedOn", m.deceasedOn);
        fields.put("accountSubject", m.accountSubject);
        fields.put("notes", m.notes);
        return fields;
    }

    private static void recordChanges(UUID memberId, String action, Map<String, Object> before,
            Map<String, Object> after, String actor, Instant at) {
        before.forEach((field, old) -> {
            Object now = after.get(field);
            if (!Objects.equals(old, now)) {
                MemberHistory.record(memberId, action, field, old, now, actor, at);
            }
        });
    }

    /** The member if it lies in the caller's scope; the scope is part of the query. */
    public Optional<Member> find(UUID id, AssociationScope scope) {
        return Member.find("id = ?1 and associationCode like ?2", id, scope.likePattern()).firstResultOptional();
    }

    public Optional<Member> findByAccount(UUID subject) {
        return Member.find("accountSubject", subject).firstResultOptional();
    }

    public record SearchResult(List<Member> members, long total) {
    }

    public SearchResult search(MemberSearch search, AssociationScope scope) {
        StringBuilder where = new StringBuilder("from Member m where m.associationCode like :scope");
        Parameters params = Parameters.with("scope", scope.likePattern());
        if (search.association() != null) {
            if (!scope.covers(search.association())
                    && !AssociationScope.of(search.association()).covers(scope.associationCode())) {
                // another association's subtree does not exist for this caller, in lists and exports alike
                throw ProblemException.notFound("association");
            }
            where.append(" and m.associationCode like :subtree");
            params.and("subtree", AssociationScope.of(search.association()).likePattern());
        }
        if (search.status() != null) {
            where.append(" and m.status = :status");
            params.and("status", search.status());
        }
        if (search.sector() != null) {
            where.append(" and m.sector = :sector");
            params.and("sector", search.sector());
        }
        if (search.namePrefix() != null && !search.namePrefix().isBlank()) {
            where.append(" and m.name like :name");
            params.and("name", search.namePrefix().strip().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (search.minAge() != null) {
            where.append(" and m.birthDate <= :bornBy");
            params.and("bornBy", ChinaTime.today().minusYears(search.minAge()));
        }
        if (search.honourLevel() != null) {
            // kept on the member (levels held), so this reads the level's partial index of the subtree
            where.append(" and m.").append(Member.holdsHonourField(search.honourLevel())).append(" = true");
        }
        if (search.honourCategory() != null || search.honourYear() != null) {
            where.append(" and exists (select 1 from MemberHonour h where h.memberId = m.id and h.revokedOn is null");
            if (search.honourLevel() == HonourLevel.NATIONAL) {
                // the same honour holds the level and the category or year; national treatment counts as national
                where.append(" and (h.level = :level or h.nationalTreatment = true)");
                params.and("level", search.honourLevel());
            } else if (search.honourLevel() != null) {
                where.append(" and h.level = :level");
                params.and("level", search.honourLevel());
            }
            if (search.honourCategory() != null) {
                where.append(" and h.category = :category");
                params.and("category", search.honourCategory());
            }
            if (search.honourYear() != null) {
                where.append(" and h.year = :year");
                params.and("year", search.honourYear());
            }
            where.append(")");
        }
        long total = Member.count(where.toString(), params);
        // The page's ids first (an index-only scan where an index covers the filters and the order), then
        // only those rows: sorting a large match by name must not read every matching row (benchmark).
        String orderBy = orderBy(search.sort());
        var ids = Member.getEntityManager().createQuery("select m.id " + where + orderBy, UUID.class)
                .setFirstResult(search.page() * search.size()).setMaxResults(search.size());
        params.map().forEach(ids::setParameter);
        List<UUID> pageIds = ids.getResultList();
        List<Member> page = pageIds.isEmpty() ? List.of()
                : Member.<Member>find("from Member m where m.id in ?1", search.sort(), pageIds).list();
        return new SearchResult(page, total);
    }

    private static String orderBy(Sort sort) {
        StringBuilder order = new StringBuilder();
        for (Sort.Column column : sort.getColumns()) {
            order.append(order.isEmpty() ? " order by " : ", ").append("m.").append(column.getName())
                    .append(column.getDirection() == Sort.Direction.Descending ? " desc" : "");
        }
        return order.toString();
    }

    /** Filters, page and sort of a member search; association narrows the caller's own scope. */
    public record MemberSearch(String association, MemberStatus status, Sector sector, String namePrefix,
            Integer minAge, HonourLevel honourLevel, HonourCategory honourCategory, Integer honourYear, int page,
            int size, Sort sort) {
    }

    private void checkConsistency(MemberRequest request, String nationalId, AssociationScope scope) {
        List<Problem.FieldViolation> problems = consistencyProblems(request, nationalId, scope);
        if (!problems.isEmpty()) {
            throw new ProblemException(400, "validation", problems, problems.size());
        }
    }

    /** Rules across fields and against reference data; empty when the request can be registered. */
    public List<Problem.FieldViolation> consistencyProblems(MemberRequest request, String nationalId,
            AssociationScope scope) {
        List<Problem.FieldViolation> problems = new ArrayList<>();
        LocalDate encoded = NationalIdNumber.birthDateOf(nationalId).orElseThrow();
        if (request.birthDate() != null && !request.birthDate().equals(encoded)) {
            problems.add(new Problem.FieldViolation("birthDate", "national-id.birth-date-mismatch", null));
        }
        if (!scope.covers(request.associationCode())) {
            problems.add(new Problem.FieldViolation("associationCode", "association-code.out-of-scope", null));
        } else if (Association.findById(request.associationCode()) == null) {
            problems.add(new Problem.FieldViolation("associationCode", "association-code.unknown", null));
        }
        MemberStatus status = request.status() == null ? MemberStatus.IN_SERVICE : request.status();
        if (status == MemberStatus.DECEASED && request.deceasedOn() == null) {
            problems.add(new Problem.FieldViolation("deceasedOn", "member.deceased-date-required", null));
        }
        if (request.deceasedOn() != null && (request.deceasedOn().isBefore(encoded)
                || request.deceasedOn().isAfter(ChinaTime.today()))) {
            problems.add(new Problem.FieldViolation("deceasedOn", "member.deceased-date-impossible", null));
        }
        return problems;
    }

    /**
     * Sets the record from the request. A correction ({@code correcting}) keeps what the request leaves out of the
     * phone (a blank one removes it), the status (and date of death) and the member's own login, none of which a
     * staff read returns in clear: a record read, edited and sent back must not lose them.
     */
    private void apply(Member m, MemberRequest r, String nationalId, boolean correcting) {
        m.name = r.name().strip();
        m.gender = r.gender();
        m.ethnicity = r.ethnicity();
        m.birthDate = NationalIdNumber.birthDateOf(nationalId).orElseThrow();
        if (r.phone() != null || !correcting) {
            m.phoneCipher = r.phone() == null || r.phone().isBlank() ? null : cipher.encrypt(r.phone().strip());
        }
        m.employer = r.employer();
        m.employerCreditCode = r.employerCreditCode() == null ? null : r.employerCreditCode().strip().toUpperCase();
        m.sector = r.sector();
        m.occupation = r.occupation();
        m.education = r.education();
        m.politicalStatus = r.politicalStatus();
        m.address = r.address();
        m.associationCode = r.associationCode();
        MemberStatus status = r.status() != null ? r.status() : correcting ? m.status : MemberStatus.IN_SERVICE;
        m.deceasedOn = status != MemberStatus.DECEASED ? null : r.deceasedOn() != null ? r.deceasedOn() : m.deceasedOn;
        m.status = status;
        if (r.accountSubject() != null || !correcting) {
            m.accountSubject = r.accountSubject();
        }
        m.notes = r.notes();
    }
}
