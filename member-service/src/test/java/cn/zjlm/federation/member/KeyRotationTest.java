package cn.zjlm.federation.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.commons.pii.PiiResealing;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A PII key rotation while the service runs: old values still open, and are resealed with the new key. */
@QuarkusTest
class KeyRotationTest {
    private static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");

    @Inject
    PiiResealing resealing;

    @Inject
    PiiCipher cipher;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "federation.pii.decrypt-only-keys")
    List<String> decryptOnlyKeys;

    @ConfigProperty(name = "federation.pii.index-key")
    String indexKey;

    @Test
    void valuesSealedWithTheEarlierKeyAreReadableAndResealed() {
        String nationalId = MemberApiTest.newId(LocalDate.of(1966, 8, 20));
        String id = MemberApiTest.register(HZ_ADMIN, MemberApiTest.member("严国强", nationalId, "330106"));
        String[] earlier = decryptOnlyKeys.get(0).split(":", 2);
        PiiCipher earlierCipher = new PiiCipher(earlier[0], earlier[1], indexKey);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update member set national_id_cipher = ?1, phone_cipher = ?2 where id = cast(?3 as uuid)")
                .setParameter(1, earlierCipher.encrypt(nationalId)).setParameter(2, earlierCipher.encrypt("13900001111"))
                .setParameter(3, id).executeUpdate());

        assertThat(clearNationalId(id)).isEqualTo(nationalId);
        resealing.reseal(); // the scheduled pass may have resealed them already: the end state is what counts

        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select national_id_cipher, phone_cipher from member where id = cast(?1 as uuid)")
                .setParameter(1, id).getSingleResult());
        assertThat(stored).allSatisfy(value -> assertThat((String) value).startsWith(cipher.keyId() + ":"));
        assertThat(cipher.decrypt((String) stored[1])).isEqualTo("13900001111");
        // each resealed column gave the row a new version: a correction read before cannot write the old key back
        long version = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select version from member where id = cast(?1 as uuid)").setParameter(1, id).getSingleResult())
                .longValue());
        assertThat(version).isEqualTo(2);
        assertThat(clearNationalId(id)).isEqualTo(nationalId);
        assertThat(resealing.reseal()).isZero();
        assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                .contains("federation_pii_values_under_old_keys 0.0");
    }

    private String clearNationalId(String id) {
        return given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON)
                .body("{\"fields\":[\"nationalId\"],\"reason\":\"核对身份证号以办理证书补发\"}")
                .post("/api/v1/members/" + id + "/sensitive-data").then().statusCode(200).extract().path("nationalId");
    }
}
