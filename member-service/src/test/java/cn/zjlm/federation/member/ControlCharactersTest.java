package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.newId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control characters in text are a field error, not a database failure (PostgreSQL refuses NUL). */
@QuarkusTest
class ControlCharactersTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");

    @Test
    void inABodyOrAQueryTheyAreRefusedWithTheField() {
        Map<String, Object> body = new HashMap<>(member("王\u0000芳", newId(LocalDate.of(1970, 1, 1)), "330100"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).header("Accept-Language", "zh-CN").body(body)
                .post("/api/v1/members").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name")).body("errors[0].code", equalTo("text.control-characters"))
                .body("errors[0].message", equalTo("该内容含有控制字符，请删除后重试。"));
        given().auth().oauth2(HZ).queryParam("namePrefix", "王\u001b").get("/api/v1/members").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("namePrefix"))
                .body("errors[0].code", equalTo("text.control-characters"));
        // Tabs and line breaks are text.
        body.put("name", "王芳");
        body.put("occupation", "钳工\t二级");
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(body).post("/api/v1/members").then().statusCode(201);
    }
}
