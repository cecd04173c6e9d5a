package cn.zjlm.federation.honors.domain;

import cn.zjlm.federation.commons.time.ChinaTime;
import cn.zjlm.federation.commons.error.ProblemException;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.Caller;
import cn.zjlm.federation.commons.security.Roles;
import cn.zjlm.federation.honors.events.HonorsEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Objections (异议) to a nomination on public notice: anyone may file one while the notice runs
 * (rate-limited per source address); an open one blocks approval until a reviewer of the organising
 * association resolves it. An upheld objection rejects the nomination.
 */
@ApplicationScoped
public class Objections {
    public enum Outcome { UPHELD, DISMISSED }

    @Inject
    Nominations nominations;

    @Inject
    PiiCipher cipher;

    @Inject
    HonorsEvents events;

    @Inject
    ObjectionsConfig config;

    @Transactional
    public Objection file(UUID nominationId, String contactName, String contactPhone, String content, String source) {
        Nomination n = Nomination.findById(nominationId);
        if (n == null || n.state != NominationState.PUBLIC_NOTICE) {
            throw ProblemException.notFound("public notice");
        }
        LocalDate today = ChinaTime.today();
        if (today.isBefore(n.noticeStarts) || today.isAfter(n.noticeEnds)) {
            throw ProblemException.conflict("notice-not-open", n.noticeStarts, n.noticeEnds);
        }
        String sourceIndex = cipher.blindIndex("objection-source:" + source);
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        Object[] recent = Objection.find("select count(*), min(filedAt) from Objection where sourceIndex = ?1 "
                + "and filedAt > ?2", sourceIndex, hourAgo).project(Object[].class).firstResult();
        if (((Number) recent[0]).longValue() >= config.perSourcePerHour()) {
            Instant oldest = (Instant) recent[1];
            long wait = Math.max(1, Duration.between(Instant.now(), oldest.plus(Duration.ofHours(1))).toSeconds());
            throw ProblemException.tooManyRequests(wait);
        }
        Objection o = new Objection();
        o.id = UUID.randomUUID();
        o.nominationId = n.id;
        o.contactName = contactName.strip();
        o.contactPhoneCipher = cipher.encrypt(contactPhone.strip());
        o.content = content;
        o.status = "OPEN";
        o.sourceIndex = sourceIndex;
        o.filedAt = Instant.now();
        o.persist();
        return o;
    }

    @Transactional
    public Objection resolve(UUID nominationId, UUID objectionId, Outcome outcome, String findings, Caller caller) {
        Nomination n = Nomination.findById(nominationId);
        if (n == null || !caller.scope().covers(n.associationCode)) {
            throw ProblemException.notFound("nomination");
        }
        Campaign c = nominations.organisersCampaign(n.campaignId, caller, Roles.REVIEWER, Roles.PROVINCE_ADMIN,
                Roles.CITY_ADMIN);
        if (Nominations.prepared(n, caller.username())) {
            throw new ProblemException(403, "separation-of-duties");
        }
        // locked: two rulings at once must not both pass the OPEN check
        Objection o = Objection.findById(objectionId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (o == null || !o.nominationId.equals(n.id)) {
            throw ProblemException.notFound("objection");
        }
        if (!"OPEN".equals(o.status)) {
            throw ProblemException.conflict("objection-resolved", o.status);
        }
        o.status = outcome.name();
        o.findings = findings;
        o.resolvedBy = caller.username();
        o.resolvedAt = Instant.now();
        if (outcome == Outcome.UPHELD && n.state == NominationState.PUBLIC_NOTICE) {
            n.state = NominationState.REJECTED;
            n.updatedAt = o.resolvedAt;
            Nominations.step(n, "OBJECTION_UPHELD", NominationState.PUBLIC_NOTICE, caller, null, findings);
            events.rejected(c, n, "OBJECTION", findings, caller.username());
        } else {
            NominationState state = n.state;
            Nominations.step(n, "OBJECTION_" + outcome, state, caller, null, findings);
        }
        return o;
    }
}
