package cn.zjlm.federation.member;

import static cn.zjlm.federation.member.MemberApiTest.member;
import static cn.zjlm.federation.member.MemberApiTest.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryReportsTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");
    private static final String ZJ = TestTokens.token("zj-admin", "330000", "province-admin");

    /** Chun'an (330127) is used only here, so its counts are known exactly. */
    static String chunan(String name, int birthYear, int seq) {
        return register(HZ, member(name, NationalIdNumber.compose("330127", LocalDate.of(birthYear, 3, 3), seq),
                "330127"));
    }

    @Test
    void statisticsCountByAssociationLevelStatusAgeAndYearWithinScope() {
        String a = chunan("淳安甲", 1940, 11);
        chunan("淳安乙", 1975, 13);
        chunan("淳安丙", 1985, 15);
        given().auth().oauth2(HZ).contentType(ContentType.JSON)
                .body(Map.of("category", "MODEL_WORKER", "level", "PROVINCIAL", "title", "浙江省劳动模范", "year", 2005))
                .post("/api/v1/members/" + a + "/honours").then().statusCode(201);

        var stats = given().auth().oauth2(HZ).get("/api/v1/members/statistics").then().statusCode(200)
                .body("byAssociation.associationCode", everyItem(startsWith("3301"))).extract().jsonPath();
        List<Map<String, Object>> chunanRows = stats.getList("byAssociation.findAll { it.associationCode == '330127' }");
        assertThat(chunanRows).extracting(r -> r.get("honourLevel") + "/" + r.get("status") + "=" + r.get("members"))
                .containsExactlyInAnyOrder("NONE/IN_SERVICE=2", "PROVINCIAL/IN_SERVICE=1");
        assertThat(stats.getList("byAgeBand.band")).contains("80+");
        assertThat(stats.getInt("newHonoursPerYear.find { it.year == 2005 && it.level == 'PROVINCIAL' }.honours"))
                .isGreaterThanOrEqualTo(1);

        given().auth().oauth2(HU).get("/api/v1/members/statistics").then().statusCode(200)
                .body("byAssociation.associationCode", everyItem(startsWith("3305")));
    }

    @Test
    void exportsAreMaskedScopedAndReadableBySpreadsheets() throws Exception {
        String nationalId = NationalIdNumber.compose("330111", LocalDate.of(1969, 9, 19), 21);
        register(HZ, member("导出测试", nationalId, "330111"));
        byte[] csv = given().auth().oauth2(HZ).get("/api/v1/members/export?format=csv&association=330111")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment")).extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"姓名\"").contains("\"导出测试\"")
                .contains(nationalId.substring(0, 1) + "*".repeat(16) + nationalId.substring(17)).doesNotContain(nationalId)
                .doesNotContain("13812345678");

        byte[] xlsx = given().auth().oauth2(HZ).get("/api/v1/members/export?format=xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(12).getStringCellValue()).startsWith("3301");
            }
            assertThat(sheet.getLastRowNum()).isGreaterThanOrEqualTo(1);
        }
        // Hangzhou's county is missing for Huzhou, in the export as in every other path.
        given().auth().oauth2(HU).get("/api/v1/members/export?format=csv&association=330111")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(HU).get("/api/v1/members?association=330111").then().statusCode(404);
        // a filter on an association above one's own simply means one's own scope
        given().auth().oauth2(HU).get("/api/v1/members?association=330000").then().statusCode(200);
    }

    @Test
    void provinceAdminsAddIndustryBranchesThatJoinTheTreeAndTheScope() {
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body(Map.of("suffix", "WJ01", "name", "杭州市卫健系统劳模分会"))
                .post("/api/v1/associations/330100/branches").then().statusCode(403);
        given().auth().oauth2(ZJ).contentType(ContentType.JSON).body(Map.of("suffix", "wj 01", "name", "x"))
                .post("/api/v1/associations/330100/branches").then().statusCode(400)
                .body("errors[0].field", equalTo("suffix"));
        given().auth().oauth2(ZJ).contentType(ContentType.JSON).body(Map.of("suffix", "WJ01", "name", "杭州市卫健系统劳模分会"))
                .post("/api/v1/associations/330100/branches").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/associations/330100-WJ01"));
        given().auth().oauth2(ZJ).contentType(ContentType.JSON).body(Map.of("suffix", "WJ01", "name", "重复"))
                .post("/api/v1/associations/330100/branches").then().statusCode(409);
        given().auth().oauth2(HZ).get("/api/v1/associations/330100").then()
                .body("children.code", hasItem("330100-WJ01"));
        // Hangzhou staff register members into their new branch; Huzhou cannot.
        register(HZ, member("分会会员", NationalIdNumber.compose("330100", LocalDate.of(1980, 8, 8), 31), "330100-WJ01"));
        given().auth().oauth2(HU).contentType(ContentType.JSON)
                .body(member("越权", NationalIdNumber.compose("330100", LocalDate.of(1980, 8, 8), 33), "330100-WJ01"))
                .post("/api/v1/members").then().statusCode(400)
                .body("errors[0].code", equalTo("association-code.out-of-scope"));
    }

    @Test
    void aBranchSeesOnlyItselfNotBranchesWhoseSuffixStartsWithItsOwn() {
        for (String suffix : List.of("JT", "JT01")) {
            given().auth().oauth2(ZJ).contentType(ContentType.JSON).body(Map.of("suffix", suffix, "name", "杭州市交通系统劳模分会" + suffix))
                    .post("/api/v1/associations/330100/branches").then().statusCode(201);
        }
        String own = register(HZ, member("交通分会", NationalIdNumber.compose("330100", LocalDate.of(1981, 1, 1), 41), "330100-JT"));
        String other = register(HZ, member("交通一分会", NationalIdNumber.compose("330100", LocalDate.of(1981, 1, 1), 43), "330100-JT01"));
        String branch = TestTokens.token("jt-staff", "330100-JT", "county-staff");
        given().auth().oauth2(branch).get("/api/v1/members/" + own).then().statusCode(200);
        given().auth().oauth2(branch).get("/api/v1/members/" + other).then().statusCode(404);
        given().auth().oauth2(branch).get("/api/v1/members").then().statusCode(200)
                .body("items.associationCode", everyItem(equalTo("330100-JT")))
                .body("items.id", hasItem(own));
        given().auth().oauth2(branch).get("/api/v1/members/statistics").then().statusCode(200)
                .body("byAssociation.associationCode", everyItem(equalTo("330100-JT")));
    }

    @Test
    void searchAndExportRefuseTheSameBadFiltersByName() {
        for (String path : List.of("/api/v1/members?minAge=200", "/api/v1/members/export?format=csv&minAge=200")) {
            given().auth().oauth2(HZ).get(path).then().statusCode(400).body("errors[0].field", equalTo("minAge"));
        }
        given().auth().oauth2(HZ).get("/api/v1/members?association=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("association"));
        // a page whose offset overflows an int is refused, not served from the wrong place
        given().auth().oauth2(HZ).get("/api/v1/members?page=42949673&size=100").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }
}
