package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AttachmentTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");
    /** A 1×1 transparent PNG. */
    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806"
            + "0000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082");

    @Test
    void scansAreCheckedStoredOnceWithChecksumAndDownloadedWithinScope() throws Exception {
        String id = register(HZ, member("附件测试", newId(LocalDate.of(1957, 7, 7)), "330100"));
        String path = "/api/v1/members/" + id + "/attachments";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG));
        String attachment = given().auth().oauth2(HZ).contentType("image/png").header("X-File-Name", java.net.URLEncoder.encode("../../登记表 照片.png", StandardCharsets.UTF_8).replace("+", "%20"))
                .body(PNG).post(path + "?kind=PHOTO").then().statusCode(201)
                .body("sha256", equalTo(sha)).body("size", equalTo(PNG.length)).body("fileName", equalTo("登记表 照片.png"))
                .extract().path("id");
        given().auth().oauth2(HZ).contentType("image/png").body(PNG).post(path).then().statusCode(200)
                .body("id", equalTo(attachment));
        given().auth().oauth2(HZ).get(path).then().statusCode(200).body("size()", equalTo(1));

        byte[] downloaded = given().auth().oauth2(HZ).get(path + "/" + attachment).then().statusCode(200)
                .contentType("image/png").header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertThat(downloaded).isEqualTo(PNG);
        given().auth().oauth2(HU).get(path + "/" + attachment).then().statusCode(404);
        given().auth().oauth2(HU).get(path).then().statusCode(404);
        assertThat(SensitiveDataTest.auditRows("action = 'ATTACHMENT_READ' and target like 'member/" + id + "/%'"))
                .hasSize(1);
    }

    @Test
    void aFileThatIsNotWhatItClaimsOrTooLargeIsRefused() {
        String id = register(HZ, member("附件拒收", newId(LocalDate.of(1958, 8, 8)), "330100"));
        String path = "/api/v1/members/" + id + "/attachments";
        given().auth().oauth2(HZ).contentType("image/png").body("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))
                .post(path).then().statusCode(400).body("errors[0].code", equalTo("attachment.content-mismatch"));
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
        given().auth().oauth2(HZ).contentType("application/pdf").body(big).post(path).then().statusCode(413)
                .contentType("application/problem+json");
        given().auth().oauth2(HZ).contentType("text/html").body("<p>hi</p>").post(path).then().statusCode(415);
    }
}
