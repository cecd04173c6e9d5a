package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.local.TestTokens;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CertificateTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HZ_ADMIN = TestTokens.token("hz-admin", "330100", "city-admin");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");

    static String nationalHonour(String memberId) {
        return given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(Map.of("category", "MODEL_WORKER", "level", "NATIONAL", "title", "全国劳动模范", "year", 2015,
                        "conferringBody", "中共中央、国务院"))
                .post("/api/v1/members/" + memberId + "/honours").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> issue(String token, String path, String honourId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("honourId", honourId))
                .post(path).then().statusCode(201).extract().jsonPath().getMap("");
    }

    @Test
    void aCertificateIsAChinesePdfWhoseQrCodeLeadsToAMinimalPublicVerification() throws Exception {
        String nationalId = newId(LocalDate.of(1961, 12, 1));
        String id = register(HZ, member("章志远", nationalId, "330109"));
        String honour = nationalHonour(id);
        Map<String, Object> cert = issue(HZ, "/api/v1/members/" + id + "/certificates", honour);
        String code = (String) cert.get("verificationCode");
        assertThat(code).matches("[2-9A-Z]{12}");

        byte[] pdf = given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/certificates/" + cert.get("id") + "/pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("荣 誉 证 明").contains("章志远").contains("全国劳动模范").contains(code)
                    .contains(nationalId.substring(0, 1) + "****").doesNotContain(nationalId);
            PDFont font = doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames()
                    .iterator().next());
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).contains("+NotoSansSC");
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 150);
            String scanned = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(page)))).getText();
            assertThat(scanned).endsWith("/api/v1/public/certificates/" + code).isEqualTo(cert.get("verifyUrl"));
        }

        // Anyone can verify, without logging in, and learns only what a verifier needs.
        given().get("/api/v1/public/certificates/" + code.toLowerCase()).then().statusCode(200)
                .body("valid", equalTo(true)).body("status", equalTo("VALID")).body("maskedName", equalTo("章**"))
                .body("honour", equalTo("全国劳动模范")).body("level", equalTo("NATIONAL")).body("year", equalTo(2015))
                .body("issuedBy", equalTo("萧山区劳模协会"));
        given().get("/api/v1/public/certificates/AAAAAAAAAAAA").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/public/certificates/'%20or%201=1").then().statusCode(404);

        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "信息有误，重新开具"))
                .post("/api/v1/members/" + id + "/certificates/" + cert.get("id") + "/revocation").then().statusCode(200);
        given().get("/api/v1/public/certificates/" + code).then().statusCode(200)
                .body("valid", equalTo(false)).body("status", equalTo("REVOKED"));
        assertThat(SensitiveDataTest.auditRows("action = 'CERTIFICATE_VERIFIED'"))
                .filteredOn(r -> r.contains("|NOT_FOUND|")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(SensitiveDataTest.auditRows("action = 'CERTIFICATE_VERIFIED'"))
                .filteredOn(r -> r.contains("|FOUND|")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void revokingTheHonourInvalidatesItsCertificatesAndOthersCannotIssue() {
        String id = register(HZ, member("龚立平", newId(LocalDate.of(1963, 3, 30)), "330100"));
        String honour = nationalHonour(id);
        Map<String, Object> cert = issue(HZ, "/api/v1/members/" + id + "/certificates", honour);
        String code = (String) cert.get("verificationCode");
        given().auth().oauth2(HU).contentType(ContentType.JSON).body(Map.of("honourId", honour))
                .post("/api/v1/members/" + id + "/certificates").then().statusCode(404);
        given().auth().oauth2(HZ_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("revokedOn", LocalDate.now().toString(), "reason", "撤销称号"))
                .post("/api/v1/members/" + id + "/honours/" + honour + "/revocation").then().statusCode(200);
        given().get("/api/v1/public/certificates/" + code).then().statusCode(200)
                .body("valid", equalTo(false)).body("status", equalTo("HONOUR_REVOKED"));
        // its certificate is revoked with it, and is no longer handed out as a PDF
        given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/certificates/" + cert.get("id") + "/pdf").then()
                .statusCode(409);
        given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/certificates").then().statusCode(200)
                .body("find { it.id == '" + cert.get("id") + "' }.revokedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(Map.of("honourId", honour))
                .post("/api/v1/members/" + id + "/certificates").then().statusCode(409);
    }

    @Test
    void aNameWithACharacterTheFontLacksStillGetsItsCertificate() throws Exception {
        String id = register(HZ, member("王\uD83D\uDE00明", newId(LocalDate.of(1970, 6, 6)), "330100"));
        Map<String, Object> cert = issue(HZ, "/api/v1/members/" + id + "/certificates", nationalHonour(id));
        byte[] pdf = given().auth().oauth2(HZ).get("/api/v1/members/" + id + "/certificates/" + cert.get("id") + "/pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("明").doesNotContain("\uD83D\uDE00");
        }
    }

    @Test
    void membersIssueTheirOwnCertificateOnline() {
        String login = "lm-self-" + UUID.randomUUID();
        String subject = UUID.nameUUIDFromBytes(login.getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, Object> body = new HashMap<>(member("自助开证", newId(LocalDate.of(1966, 6, 16)), "330100"));
        body.put("accountSubject", subject);
        String id = register(HZ, body);
        String honour = nationalHonour(id);
        String memberToken = TestTokens.token(login, "330100", "member");
        Map<String, Object> cert = issue(memberToken, "/api/v1/members/me/certificates", honour);
        given().auth().oauth2(memberToken).get("/api/v1/members/me/certificates/" + cert.get("id") + "/pdf")
                .then().statusCode(200).contentType("application/pdf");
        String other = TestTokens.token("lm-other", "330100", "member");
        given().auth().oauth2(other).get("/api/v1/members/me/certificates/" + cert.get("id") + "/pdf")
                .then().statusCode(404);
    }
}
