package cn.zjlm.federation.care.events;

import cn.zjlm.federation.care.domain.CareCase;
import cn.zjlm.federation.commons.events.CloudEvent;
import cn.zjlm.federation.commons.events.IdempotentConsumer;
import cn.zjlm.federation.commons.events.IdempotentConsumer.PoisonMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A conferral with a one-time award (e.g. 绍兴工匠 10,000 CNY) opens a care case awaiting the
 * finance role's approval. Applied once per event, and once per person and conferral by the
 * case's unique key.
 */
@ApplicationScoped
public class HonorConferredConsumer {
    static final String CONSUMER = "care-service.honour-awards";
    static final String PROGRAMME = "CRAFTSMAN_AWARD";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    ObjectMapper mapper;

    @Incoming("honors-events")
    @Blocking
    public CompletionStage<Void> onHonorsEvents(KafkaRecordBatch<String, String> batch) {
        return consumer.consume(CONSUMER, batch, this::apply);
    }

    void apply(CloudEvent event) {
        JsonNode data = event.data();
        if (!"HonorConferred".equals(event.type()) || !data.hasNonNull("awardAmount")) {
            return;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(data.path("awardAmount").asText());
        } catch (NumberFormatException e) {
            throw new PoisonMessageException("awardAmount is not a decimal: " + data.path("awardAmount").asText());
        }
        JsonNode nominee = data.path("nominee");
        String index = nominee.path("nationalIdIndex").asText();
        // A case needs its person, nomination, association and year; without them it would be a payable line of nobody.
        if (index.isBlank() || data.path("nominationId").asText().isBlank() || !data.path("year").canConvertToInt()
                || data.path("year").asInt() < 1949
                || !cn.zjlm.federation.commons.identity.AssociationCode.isWellFormed(data.path("associationCode").asText())) {
            throw new PoisonMessageException("HonorConferred lacks the nominee's index, the nomination, a year or a "
                    + "well-formed association code");
        }
        String period = "conferral:" + data.path("nominationId").asText();
        if (CareCase.count("programmeCode = ?1 and beneficiaryIndex = ?2 and period = ?3", PROGRAMME, index, period) > 0) {
            return;
        }
        ObjectNode explanation = mapper.createObjectNode();
        explanation.put("programme", PROGRAMME);
        explanation.put("source", "HonorConferred " + event.id());
        explanation.put("formula", "amount = the campaign's one-time award");
        ObjectNode inputs = explanation.putObject("inputs");
        inputs.put("title", data.path("title").asText());
        inputs.put("honourType", data.path("honourType").asText(null));
        inputs.put("year", data.path("year").asInt());
        inputs.put("campaignId", data.path("campaignId").asText(null));
        inputs.put("certificateNumber", data.path("certificateNumber").asText(null));
        inputs.put("awardAmount", amount.toPlainString());
        explanation.put("result", amount.toPlainString());

        CareCase c = new CareCase();
        c.id = UUID.randomUUID();
        c.programmeCode = PROGRAMME;
        c.associationCode = data.path("associationCode").asText();
        c.memberId = nominee.hasNonNull("memberId") ? UUID.fromString(nominee.path("memberId").asText()) : null;
        c.beneficiaryIndex = index;
        c.beneficiaryName = nominee.path("name").asText();
        c.period = period;
        c.year = data.path("year").asInt();
        c.amount = amount;
        c.explanation = explanation.toString();
        c.state = "PENDING_APPROVAL";
        c.sourceEventId = UUID.fromString(event.id());
        c.createdBy = "honors-service";
        c.createdAt = c.updatedAt = Instant.now();
        c.persist();
    }
}
