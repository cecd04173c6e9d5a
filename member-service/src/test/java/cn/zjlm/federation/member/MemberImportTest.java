package cn.zjlm.federation.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.zjlm.federation.commons.events.EventTopics;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.local.EventContracts;
import cn.zjlm.federation.local.TestInfrastructure;
import cn.zjlm.federation.local.TopicReader;
import cn.zjlm.federation.local.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberImportTest {
    private static final String HZ = TestTokens.token("hz-staff", "330100", "city-staff");
    private static final String HU = TestTokens.token("hu-staff", "330500", "city-staff");
    private static final String HEADER = "姓名,性别,民族,出生日期,身份证号码,联系电话,工作单位,人员类别,所属协会代码,荣誉称号,荣誉级别,授予年份";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static String id(int i) {
        return NationalIdNumber.compose("330102", LocalDate.of(1950, 1, 1).plusDays(i), 777);
    }

    static String row(String name, String gender, String birth, String nationalId, String association, boolean honour) {
        return String.join(",", name, gender, "汉族", birth, nationalId, "13900" + String.format("%06d",
                Math.abs(nationalId.hashCode()) % 1_000_000), "\"杭州重型机械有限公司, 装配车间\"", "一线工人", association,
                honour ? "杭州工匠" : "", honour ? "市级" : "", honour ? "2020" : "");
    }

    /** A row whose sex and birth date agree with the ID number. */
    static String row(String name, String nationalId, boolean honour) {
        return row(name, NationalIdNumber.isMale(nationalId) ? "男" : "女",
                NationalIdNumber.birthDateOf(nationalId).orElseThrow().toString(), nationalId, "330102", honour);
    }

    /** 1,000 rows: 949 valid (every 10th with an honour), 51 bad in six different ways. */
    static String thousandRowFile(String existingId, Map<Integer, String> expected) {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 1000; i++) {
            int sheetRow = i + 2;
            String nationalId = id(i);
            String birth = NationalIdNumber.birthDateOf(nationalId).orElseThrow().toString();
            String name = "导入工" + i;
            if (i % 100 == 1) {
                String bad = nationalId.substring(0, 17) + (nationalId.charAt(17) == '0' ? '1' : '0');
                lines.add(row(name, "男", birth, bad, "330102", false));
                expected.put(sheetRow, "INVALID:national-id.check-digit");
            } else if (i % 100 == 2) {
                lines.add(row(name, "男", "1949-12-31", nationalId, "330102", false));
                expected.put(sheetRow, "INVALID:national-id.birth-date-mismatch");
            } else if (i % 100 == 3) {
                // in Hangzhou's code range, but no such association
                lines.add(row(name, "男", birth, nationalId, "330199", false));
                expected.put(sheetRow, "INVALID:association-code.unknown");
            } else if (i % 100 == 6 && i < 100) {
                lines.add(row(name, "男", birth, nationalId, "330500", false));
                expected.put(sheetRow, "INVALID:association-code.out-of-scope");
            } else if (i % 100 == 4) {
                lines.add(row(name, "男", NationalIdNumber.birthDateOf(existingId).orElseThrow().toString(), existingId,
                        "330102", false));
                // the first row names the registered member; later ones repeat an earlier row of the file
                expected.put(sheetRow, i < 100 ? "DUPLICATE:national-id.already-registered"
                        : "DUPLICATE:import.duplicate-in-file");
            } else if (i % 100 == 5) {
                lines.add(row(name, "男", NationalIdNumber.birthDateOf(id(i - 5)).orElseThrow().toString(), id(i - 5),
                        "330102", false));
                expected.put(sheetRow, "DUPLICATE:import.duplicate-in-file");
            } else {
                lines.add(row(name, NationalIdNumber.isMale(nationalId) ? "男" : "女", birth, nationalId, "330102",
                        i % 10 == 0));
            }
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    static JsonPath importAndWait(String token, String mode, byte[] file, String contentType) {
        String location = given().auth().oauth2(token).contentType(contentType).header("X-File-Name", "登记表.csv")
                .body(file).post("/api/v1/members/imports?mode=" + mode)
                .then().statusCode(202).extract().header("Location");
        String path = location.substring(location.indexOf("/api/"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() ->
                !List.of("QUEUED", "RUNNING").contains(given().auth().oauth2(token).get(path).then().extract()
                        .<String>path("status")));
        return given().auth().oauth2(token).header("Accept-Language", "zh-CN").get(path).then().statusCode(200)
                .extract().jsonPath();
    }

    static long registered(String namePrefix) {
        return given().auth().oauth2(HZ).get("/api/v1/members?size=1&namePrefix=" + namePrefix).then().statusCode(200)
                .extract().jsonPath().getLong("total");
    }

    @Test
    void aThousandRowFileIsReportedRowByRowAndImportedByTheChosenMode() {
        String existingId = NationalIdNumber.compose("330102", LocalDate.of(1948, 4, 4), 777);
        String existing = MemberApiTest.register(HZ, MemberApiTest.member("已登记", existingId, "330102"));
        Map<Integer, String> expected = new java.util.TreeMap<>();
        byte[] file = thousandRowFile(existingId, expected).getBytes(StandardCharsets.UTF_8);

        JsonPath dry = importAndWait(HZ, "dry-run", file, "text/csv");
        assertThat(dry.getString("status")).isEqualTo("COMPLETED");
        assertThat(dry.getInt("total")).isEqualTo(1000);
        assertThat(dry.getInt("processed")).isEqualTo(1000);
        assertThat(dry.getInt("invalid")).isEqualTo(31);
        assertThat(dry.getInt("duplicates")).isEqualTo(20);
        assertThat(dry.getInt("created")).isZero();
        assertThat(dry.getBoolean("committed")).isFalse();
        List<Map<String, Object>> rows = dry.getList("rows");
        Map<Integer, String> reported = rows.stream().collect(Collectors.toMap(r -> (Integer) r.get("row"),
                r -> r.get("outcome") + ":" + ((List<Map<String, Object>>) r.get("errors")).get(0).get("code")));
        assertThat(reported).isEqualTo(expected);
        Map<String, Object> checkDigit = rows.stream().filter(r -> r.get("row").equals(3)).findFirst().orElseThrow();
        assertThat(((List<Map<String, Object>>) checkDigit.get("errors")).get(0))
                .containsEntry("column", "身份证号码").containsEntry("field", "nationalId");
        assertThat(String.valueOf(((List<Map<String, Object>>) checkDigit.get("errors")).get(0).get("message")))
                .contains("校验位");
        Map<String, Object> duplicate = rows.stream().filter(r -> r.get("row").equals(6)).findFirst().orElseThrow();
        assertThat((Map<String, Object>) duplicate.get("merge")).containsEntry("existingMemberId", existing);
        assertThat(registered("导入工")).isZero();

        JsonPath refused = importAndWait(HZ, "all-or-nothing", file, "text/csv");
        assertThat(refused.getBoolean("committed")).isFalse();
        assertThat(refused.getInt("created")).isZero();
        assertThat(registered("导入工")).isZero();

        JsonPath imported = importAndWait(HZ, "valid-only", file, "text/csv");
        assertThat(imported.getBoolean("committed")).isTrue();
        assertThat(imported.getInt("created")).isEqualTo(949);
        assertThat(imported.getInt("invalid")).isEqualTo(31);
        assertThat(registered("导入工")).isEqualTo(949);
        given().auth().oauth2(HZ).get("/api/v1/members?namePrefix=导入工10&size=20").then()
                .body("items.find { it.name == '导入工10' }.honours[0].title", equalTo("杭州工匠"));

        // The same file again changes nothing.
        JsonPath again = importAndWait(HZ, "valid-only", file, "text/csv");
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(949);
        assertThat(registered("导入工")).isEqualTo(949);
    }

    @Test
    void allOrNothingRollsBackTheChunksItWroteWhenALaterRowIsBad() {
        // rows are written a chunk of 1,000 at a time as they are assessed: the third chunk is assessed only after the
        // first was written, and its row 2,052 is refused
        StringBuilder csv = new StringBuilder(HEADER).append("\n");
        for (int i = 5000; i < 7100; i++) {
            String nationalId = id(i);
            if (i == 7050) {
                nationalId = nationalId.substring(0, 17) + (nationalId.charAt(17) == '0' ? '1' : '0');
            }
            csv.append(row("回滚" + i, NationalIdNumber.isMale(id(i)) ? "男" : "女",
                    NationalIdNumber.birthDateOf(id(i)).orElseThrow().toString(), nationalId, "330102", i % 7 == 0))
                    .append("\n");
        }
        JsonPath refused = importAndWait(HZ, "all-or-nothing", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(refused.getString("status")).isEqualTo("COMPLETED");
        assertThat(refused.getBoolean("committed")).isFalse();
        assertThat(refused.getInt("processed")).isEqualTo(2100);
        assertThat(refused.getInt("created")).isZero();
        assertThat(refused.getInt("invalid")).isEqualTo(1);
        assertThat(refused.getList("rows.row", Integer.class)).containsExactly(2052);
        assertThat(registered("回滚")).isZero();
        given().auth().oauth2(HZ).get("/api/v1/members/imports/" + refused.getString("id") + "/created").then()
                .statusCode(200).body("total", equalTo(0)).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void allOrNothingWritesACleanFileAndNothingOutsideTheScope() {
        StringBuilder csv = new StringBuilder(HEADER).append("\n");
        for (int i = 2000; i < 2005; i++) {
            String nationalId = id(i);
            csv.append(row("整批" + i, NationalIdNumber.isMale(nationalId) ? "男" : "女",
                    NationalIdNumber.birthDateOf(nationalId).orElseThrow().toString(), nationalId, "330102", i == 2000))
                    .append("\n");
        }
        JsonPath clean = importAndWait(HZ, "all-or-nothing", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(clean.getBoolean("committed")).isTrue();
        assertThat(clean.getInt("created")).isEqualTo(5);

        // The view lists the rows that need attention (none); the members created are paged by row.
        assertThat(clean.getList("rows")).isEmpty();
        String job = clean.getString("id");
        JsonPath firstPage = given().auth().oauth2(HZ).get("/api/v1/members/imports/" + job + "/created?size=2").then()
                .statusCode(200).extract().jsonPath();
        assertThat(firstPage.getLong("total")).isEqualTo(5);
        assertThat(firstPage.getList("items.row", Integer.class)).containsExactly(2, 3);
        given().auth().oauth2(HZ).get("/api/v1/members/imports/" + job + "/created?size=2&page=2").then()
                .statusCode(200).body("items.row", org.hamcrest.Matchers.contains(6));
        given().auth().oauth2(HZ).get("/api/v1/members/imports/" + job + "/created?size=5001").then().statusCode(400)
                .contentType("application/problem+json");

        // Rows are written by COPY: stored, searchable by the level of the honour written with them, and published
        // as one registration whose snapshot holds the honour.
        String honoured = firstPage.getString("items[0].memberId");
        given().auth().oauth2(HZ).get("/api/v1/members/" + honoured).then().statusCode(200).header("ETag", "\"0\"")
                .body("employer", equalTo("杭州重型机械有限公司, 装配车间")).body("highestHonourLevel", equalTo("CITY"))
                .body("honours[0].title", equalTo("杭州工匠"));
        given().auth().oauth2(HZ).get("/api/v1/members?namePrefix=整批&honourLevel=CITY").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(honoured));
        given().auth().oauth2(HZ).get("/api/v1/members?namePrefix=整批&honourLevel=PROVINCIAL").then().statusCode(200)
                .body("total", equalTo(0));
        var events = TopicReader.await(TestInfrastructure.kafka().bootstrapServers(), EventTopics.MEMBER,
                r -> honoured.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> JsonPath.from(r.value()).getString("type")).containsExactly("MemberRegistered");
        JsonPath registration = JsonPath.from(events.get(0).value());
        assertThat(registration.getInt("data.version")).isZero();
        assertThat(registration.getString("data.highestHonourLevel")).isEqualTo("CITY");
        assertThat(registration.getList("data.honours.title")).containsExactly("杭州工匠");
        assertThat(EventContracts.violations(events.get(0).value())).as(events.get(0).value()).isEmpty();

        String huzhouRow = HEADER + "\n" + row("越权导入", "男", NationalIdNumber.birthDateOf(id(2100)).orElseThrow().toString(),
                id(2100), "330102", false);
        JsonPath outOfScope = importAndWait(HU, "valid-only", huzhouRow.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(outOfScope.getString("rows[0].errors[0].code")).isEqualTo("association-code.out-of-scope");
        assertThat(outOfScope.getInt("created")).isZero();
        given().auth().oauth2(HU).get("/api/v1/members/imports/" + job).then().statusCode(404);
        given().auth().oauth2(HU).get("/api/v1/members/imports/" + job + "/created").then().statusCode(404);
    }

    @Test
    void xlsxFormsAreReadAndIdNumbersTypedAsNumbersAreCaught() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = book.createSheet("登记表");
            String[] headers = HEADER.split(",");
            XSSFRow head = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                head.createCell(c).setCellValue(headers[c]);
            }
            String good = id(3000);
            XSSFRow r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("表格导入");
            r1.createCell(1).setCellValue(NationalIdNumber.isMale(good) ? "男" : "女");
            var dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
            var birth = r1.createCell(3);
            birth.setCellValue(NationalIdNumber.birthDateOf(good).orElseThrow());
            birth.setCellStyle(dateStyle);
            r1.createCell(4).setCellValue(good);
            r1.createCell(8).setCellValue("330102");
            XSSFRow r2 = sheet.createRow(2);
            r2.createCell(0).setCellValue("数字身份证");
            r2.createCell(1).setCellValue("男");
            r2.createCell(4).setCellValue(330102195001017771.0);
            r2.createCell(8).setCellValue("330102");
            book.write(out);
            JsonPath result = importAndWait(HZ, "valid-only", out.toByteArray(), XLSX);
            assertThat(result.getInt("created")).isEqualTo(1);
            assertThat(result.getString("rows.find { it.row == 3 }.errors[0].code"))
                    .isEqualTo("import.id-stored-as-number");
        }
    }

    @Test
    void aFileWithoutTheFormHeadersIsRefusedAtOnce() {
        given().auth().oauth2(HZ).contentType("text/csv").body("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/members/imports?mode=dry-run").then().statusCode(400)
                .body("errors[0].code", equalTo("import.missing-headers"));
        given().auth().oauth2(HZ).contentType(ContentType.JSON).body("{}").post("/api/v1/members/imports")
                .then().statusCode(415);
    }

    @Test
    void aFileTooLargeToHoldIsRefusedBeforeItIsRead() {
        // a CSV is counted while it is parsed and refused at its 100,001st row
        StringBuilder csv = new StringBuilder(HEADER).append("\n");
        for (int i = 0; i <= 100_000; i++) {
            csv.append("超限,男,,,,,,,330102,,,\n");
        }
        given().auth().oauth2(HZ).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/members/imports?mode=dry-run").then().statusCode(400)
                .body("errors[0].field", equalTo("file")).body("errors[0].code", equalTo("import.too-many-rows"));
        // POI would hold a whole workbook in memory
        given().auth().oauth2(HZ).contentType(XLSX).body(new byte[11 * 1024 * 1024])
                .post("/api/v1/members/imports?mode=dry-run").then().statusCode(400)
                .body("errors[0].code", equalTo("import.xlsx-too-large"));
    }

    @Test
    void anImpossibleHonourYearIsARowOfTheReportNotAFailedImport() {
        String valid = id(4000);
        String young = id(4001);
        String csv = HEADER + "\n" + row("年份正常", valid, true) + "\n"
                + row("年份不符", young, true)
                        .replaceFirst(",2020$", "," + (NationalIdNumber.birthDateOf(young).orElseThrow().getYear() + 5))
                + "\n";
        JsonPath result = importAndWait(HZ, "valid-only", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(result.getString("status")).isEqualTo("COMPLETED");
        assertThat(result.getInt("created")).isEqualTo(1);
        assertThat(result.getInt("invalid")).isEqualTo(1);
        assertThat(result.getString("rows.find { it.row == 3 }.errors[0].code")).isEqualTo("honour.year-impossible");
        assertThat(result.getString("rows.find { it.row == 3 }.errors[0].column")).isEqualTo("授予年份");
    }

    @Test
    void aControlCharacterInACellIsARowOfTheReportNotAFailedWrite() {
        String clean = id(4100);
        String nul = id(4101);
        String csv = HEADER + "\n" + row("字符正常", clean, false) + "\n"
                + row("字符异常", nul, false)
                        .replace("装配车间", "装配\u0000车间") + "\n";
        // PostgreSQL refuses NUL: before, the dry run called the row valid and the import failed as a whole
        JsonPath result = importAndWait(HZ, "all-or-nothing", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(result.getString("status")).isEqualTo("COMPLETED");
        assertThat(result.getInt("created")).isEqualTo(0);
        assertThat(result.getString("rows.find { it.row == 3 }.errors[0].code")).isEqualTo("text.control-characters");
        assertThat(result.getString("rows.find { it.row == 3 }.errors[0].field")).isEqualTo("employer");
        result = importAndWait(HZ, "valid-only", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(result.getInt("created")).isEqualTo(1);
        assertThat(result.getInt("invalid")).isEqualTo(1);
    }
}
