package cn.zjlm.federation.member.events;

import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.IdempotentConsumer.PoisonMessageException;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.security.AssociationScope;
import cn.zjlm.federation.member.api.HonourRequest;
import cn.zjlm.federation.member.api.MemberRequest;
import cn.zjlm.federation.member.domain.Gender;
import cn.zjlm.federation.member.domain.HonourCategory;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.Member;
import cn.zjlm.federation.member.domain.MemberHonour;
import cn.zjlm.federation.member.domain.MemberHonours;
import cn.zjlm.federation.member.domain.MemberRegistry;
import cn.zjlm.federation.member.domain.Sector;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.time.LocalDate;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Conferrals from honors-service: the honour is added to the member found by the ID number's blind
 * index, or the nominee is registered first. Applied once per event (idempotent consumer) and once
 * per honour (same title and year is not recorded twice).
 */
@ApplicationScoped
public class HonorConferredConsumer {
    static final String CONSUMER = "member-service.honour-conferrals";
    static final String ACTOR = "honors-service";
    /** Conferral is a province-wide act: the system acts for the whole tree. */
    private static final AssociationScope PROVINCE = AssociationScope.of("330000");

    @Inject
    IdempotentConsumer consumer;

    @Inject
    MemberRegistry registry;

    @Inject
    MemberHonours honours;

    @Inject
    PiiCipher cipher;

    @Inject
    jakarta.validation.Validator validator;

    @Incoming("honors-events")
    @Blocking
    public CompletionStage<Void> onHonorsEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(CONSUMER, batch, this::apply);
    }

    void apply(CloudEvent event) {
        if (!"HonorConferred".equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        JsonNode nominee = data.path("nominee");
        String index = nominee.path("nationalIdIndex").asText();
        Member member = Member.find("nationalIdIndex", index).firstResult();
        if (member == null) {
            MemberRequest request = newMember(data, nominee, index);
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new PoisonMessageException("nominee refused: " + violations.stream()
                        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList());
            }
            member = registry.register(request, PROVINCE, ACTOR);
        }
        String title = data.path("title").asText();
        int year = data.path("year").asInt();
        if (MemberHonour.count("memberId = ?1 and title = ?2 and year = ?3", member.id, title, year) == 0) {
            honours.record(member.id, new HonourRequest(text(data, "honourType"),
                    HonourCategory.valueOf(data.path("category").asText()),
                    HonourLevel.valueOf(data.path("level").asText()), title, text(data, "conferringBody"), year,
                    text(data, "certificateNumber"), data.path("nationalTreatment").asBoolean()), PROVINCE, ACTOR);
        }
    }

    private MemberRequest newMember(JsonNode data, JsonNode nominee, String index) {
        String nationalId;
        try {
            nationalId = cipher.decrypt(nominee.path("nationalIdCipher").asText());
        } catch (IllegalStateException e) {
            throw new PoisonMessageException("nominee ID number cannot be decrypted: " + e.getMessage());
        }
        if (!NationalIdNumber.isValid(nationalId) || !cipher.blindIndex(nationalId).equals(index)) {
            throw new PoisonMessageException("nominee ID number does not match its blind index");
        }
        String phone = text(nominee, "phoneCipher");
        return new MemberRequest(nominee.path("name").asText(), Gender.valueOf(nominee.path("gender").asText()), null,
                LocalDate.parse(nominee.path("birthDate").asText()), nationalId,
                phone == null ? null : cipher.decrypt(phone), text(nominee, "employer"),
                text(nominee, "employerCreditCode"),
                text(nominee, "sector") == null ? null : Sector.valueOf(nominee.path("sector").asText()),
                text(nominee, "occupation"), null, null, null, data.path("associationCode").asText(), null, null, null,
                "由评选表彰登记（" + data.path("title").asText() + "）");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
