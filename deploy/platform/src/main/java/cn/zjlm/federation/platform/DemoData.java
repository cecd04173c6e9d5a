package cn.zjlm.federation.platform;

import cn.zjlm.federation.commons.identity.CreditCode;
import cn.zjlm.federation.commons.identity.NationalIdNumber;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Demo members across the province, registered through the gateway by each city's own staff (so
 * the demo exercises tokens, scope and events). Deterministic: a second run finds them registered.
 */
public final class DemoData {
    /** Keycloak subject of the demo member login lm-chen (fixed in the realm file). */
    public static final String LM_CHEN_SUBJECT = "7a1c2e3f-5b6d-4c8e-9f01-23456789ab01";

    record Person(String name, String gender, String county, int birthYear, String sector, String employer,
            String occupation, String ethnicity, String deceasedOn) {
    }

    static final List<Person> PEOPLE = List.of(
            new Person("陈建国", "MALE", "330109", 1958, "FRONTLINE_WORKER", "杭州萧山机械厂", "钳工", "汉族", null),
            new Person("王秀英", "FEMALE", "330122", 1965, "FARMER", "桐庐县富春江镇", "种植户", "汉族", null),
            new Person("李卫东", "MALE", "330182", 1971, "FRONTLINE_WORKER", "建德市新安江电厂", "电工", "汉族", null),
            new Person("张丽华", "FEMALE", "330108", 1982, "PROFESSIONAL", "杭州海康威视数字技术股份有限公司", "高级工程师", "汉族", null),
            new Person("刘志强", "MALE", "330102", 1944, "FRONTLINE_WORKER", "杭州锅炉厂", "焊工", "汉族", null),
            new Person("赵敏", "FEMALE", "330106", 1978, "PUBLIC_SERVICE", "浙江大学医学院附属第一医院", "主任医师", "汉族", null),
            new Person("孙国庆", "MALE", "330110", 1949, "FARMER", "余杭区径山镇", "茶农", "汉族", null),
            new Person("周红梅", "FEMALE", "330105", 1969, "FRONTLINE_WORKER", "杭州公交集团", "公交车驾驶员", "汉族", null),
            new Person("吴海峰", "MALE", "330100", 1975, "ENTERPRISE_HEAD", "杭州汽轮动力集团有限公司", "董事长", "汉族", null),
            new Person("郑小燕", "FEMALE", "330111", 1986, "FRONTLINE_WORKER", "富阳造纸厂", "操作工", "汉族", null),
            new Person("阿依古丽·买买提", "FEMALE", "330106", 1980, "PROFESSIONAL", "杭州市第一人民医院", "护士长", "维吾尔族", null),
            new Person("沈建明", "MALE", "330502", 1962, "FRONTLINE_WORKER", "湖州丝绸之路集团", "机修工", "汉族", null),
            new Person("钱美芳", "FEMALE", "330503", 1973, "FRONTLINE_WORKER", "南浔木地板有限公司", "质检员", "汉族", null),
            new Person("姚国平", "MALE", "330523", 1955, "FARMER", "安吉县溪龙乡", "白茶种植户", "汉族", null),
            new Person("费晓东", "MALE", "330522", 1984, "PROFESSIONAL", "天能电池集团股份有限公司", "工艺工程师", "汉族", null),
            new Person("潘月琴", "FEMALE", "330521", 1940, "FRONTLINE_WORKER", "德清县纺织厂", "挡车工", "汉族", "2025-12-03"),
            new Person("朱金龙", "MALE", "330402", 1966, "FRONTLINE_WORKER", "国网嘉兴供电公司", "带电作业班班长", "汉族", null),
            new Person("徐丽娟", "FEMALE", "330483", 1977, "FRONTLINE_WORKER", "巨石集团有限公司", "拉丝工", "汉族", null),
            new Person("褚建华", "MALE", "330481", 1960, "ENTERPRISE_HEAD", "海宁中国皮革城", "总经理", "汉族", null),
            new Person("陆雪芬", "FEMALE", "330421", 1946, "FARMER", "嘉善县姚庄镇", "果农", "汉族", null),
            new Person("顾伟", "MALE", "330482", 1988, "FRONTLINE_WORKER", "平湖光机电有限公司", "数控车工", "汉族", null),
            new Person("俞立新", "MALE", "330602", 1957, "FRONTLINE_WORKER", "中国绍兴黄酒集团", "酿酒师", "汉族", null),
            new Person("何春燕", "FEMALE", "330603", 1970, "FRONTLINE_WORKER", "柯桥印染有限公司", "印染工", "汉族", null),
            new Person("楼国强", "MALE", "330681", 1963, "ENTERPRISE_HEAD", "诸暨珍珠产业园", "负责人", "汉族", null),
            new Person("金晓燕", "FEMALE", "330604", 1981, "PROFESSIONAL", "上虞精细化工园区", "化工工程师", "汉族", null),
            new Person("宋德胜", "MALE", "330683", 1943, "FARMER", "嵊州市三界镇", "茶农", "汉族", null),
            new Person("袁美玲", "FEMALE", "330624", 1979, "FRONTLINE_WORKER", "新昌轴承集团", "装配工", "汉族", null),
            new Person("林海波", "MALE", "330212", 1968, "FRONTLINE_WORKER", "宁波舟山港集团", "桥吊司机", "汉族", null),
            new Person("胡桂英", "FEMALE", "330282", 1952, "FARMER", "慈溪市周巷镇", "棉农", "汉族", null),
            new Person("黄志华", "MALE", "330382", 1974, "FRONTLINE_WORKER", "正泰电器股份有限公司", "装配技师", "汉族", null),
            new Person("方明", "MALE", "330782", 1985, "PROFESSIONAL", "义乌中国小商品城", "电商讲师", "汉族", null),
            new Person("毛建军", "MALE", "330881", 1961, "FRONTLINE_WORKER", "江山变压器有限公司", "绕线工", "汉族", null),
            new Person("邱海军", "MALE", "330902", 1967, "FRONTLINE_WORKER", "舟山市普陀远洋渔业公司", "船长", "汉族", null),
            new Person("叶小红", "FEMALE", "331081", 1976, "FRONTLINE_WORKER", "温岭水泵有限公司", "装配工", "汉族", null),
            new Person("蓝玉英", "FEMALE", "331127", 1972, "FARMER", "景宁畲族自治县鹤溪街道", "茶农", "畲族", null),
            new Person("季光明", "MALE", "331181", 1959, "FRONTLINE_WORKER", "龙泉青瓷研究所", "青瓷匠人", "汉族", null));

    /** The honours the demo registry holds, as on their certificates: the registry is of honour holders. */
    static final Map<String, Map<String, Object>> HONOURS = Map.of(
            "陈建国", honour("MODEL_WORKER", "NATIONAL", "全国劳动模范", "中共中央、国务院", 2005),
            "王秀英", honour("MODEL_WORKER", "PROVINCIAL", "浙江省劳动模范", "浙江省人民政府", 2010),
            "李卫东", honour("MODEL_WORKER", "CITY", "杭州市劳动模范", "杭州市人民政府", 2015),
            "张丽华", honour("CRAFTSMAN", "CITY", "杭州工匠", "杭州市总工会", 2021),
            "刘志强", honour("LABOUR_MEDAL", "PROVINCIAL", "浙江省五一劳动奖章", "浙江省总工会", 1990),
            "沈建明", honour("MODEL_WORKER", "CITY", "湖州市劳动模范", "湖州市人民政府", 2009),
            "朱金龙", honour("LABOUR_MEDAL", "NATIONAL", "全国五一劳动奖章", "中华全国总工会", 2016),
            "俞立新", honour("MODEL_WORKER", "PROVINCIAL", "浙江省劳动模范", "浙江省人民政府", 2007),
            "楼国强", honour("MODEL_WORKER", "CITY", "绍兴市劳动模范", "绍兴市人民政府", 2013));

    private static Map<String, Object> honour(String category, String level, String title, String body, int year) {
        return Map.of("category", category, "level", level, "title", title, "conferringBody", body, "year", year);
    }

    /** Which demo login registers members of an association. */
    static String registrar(String county) {
        if (county.equals("330109")) {
            return "xs-staff";
        }
        return switch (county.substring(0, 4)) {
            case "3301" -> "hz-staff";
            case "3304" -> "jx-staff";
            case "3305" -> "hu-staff";
            case "3306" -> "sx-staff";
            default -> "zj-admin";
        };
    }

    /** How many demo members were registered now or found, and the clear values sent (tests look for them in logs). */
    public record Result(int created, int existing, List<String> nationalIds, List<String> phones) {
        /** The demo's ID numbers and phones that appear in clear in {@code text}, named by where, shortened. */
        public List<String> clearValuesIn(String text, String where) {
            List<String> found = new java.util.ArrayList<>();
            nationalIds.stream().filter(text::contains)
                    .forEach(v -> found.add(where + ": ID number " + v.substring(0, 6) + "…"));
            phones.stream().filter(text::contains).forEach(v -> found.add(where + ": phone " + v.substring(0, 3) + "…"));
            return found;
        }
    }

    public static Result seed(Platform platform) {
        ObjectMapper mapper = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> tokens = new HashMap<>();
        Random random = new Random(20261122L);
        int created = 0;
        int existing = 0;
        List<String> nationalIds = new java.util.ArrayList<>();
        List<String> phones = new java.util.ArrayList<>();
        for (Person p : PEOPLE) {
            LocalDate birth = LocalDate.of(p.birthYear(), 1 + random.nextInt(12), 1 + random.nextInt(28));
            int sequence = random.nextInt(500) * 2 + ("MALE".equals(p.gender()) ? 1 : 0);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", p.name());
            body.put("gender", p.gender());
            body.put("ethnicity", p.ethnicity());
            body.put("birthDate", birth.toString());
            body.put("nationalId", NationalIdNumber.compose(p.county(), birth, sequence));
            body.put("phone", "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)));
            nationalIds.add((String) body.get("nationalId"));
            phones.add((String) body.get("phone"));
            body.put("employer", p.employer());
            body.put("employerCreditCode", CreditCode.compose("91" + p.county() + "MA" + String.format("%07d",
                    random.nextInt(10_000_000))));
            body.put("sector", p.sector());
            body.put("occupation", p.occupation());
            body.put("associationCode", p.county());
            body.put("status", p.deceasedOn() != null ? "DECEASED" : p.birthYear() <= 1965 ? "RETIRED" : "IN_SERVICE");
            body.put("deceasedOn", p.deceasedOn());
            if (p.name().equals("陈建国")) {
                body.put("accountSubject", LM_CHEN_SUBJECT);
            }
            String login = registrar(p.county());
            String token = tokens.computeIfAbsent(login, u -> platform.keycloak().passwordToken(u, "demo"));
            HttpResponse<String> response = send(http, mapper, platform.gatewayUrl() + "/api/v1/members", token, body);
            if (response.statusCode() == 201) {
                created++;
                Map<String, Object> honour = HONOURS.get(p.name());
                if (honour != null) { // recorded once, with the member: a later start finds both
                    require(send(http, mapper, platform.gatewayUrl() + "/api/v1/members/"
                            + read(mapper, response.body()).path("id").asText() + "/honours", token, honour), "honour");
                }
            } else if (response.statusCode() == 409) {
                existing++;
            } else {
                throw new IllegalStateException("demo member " + p.name() + " refused: " + response.statusCode()
                        + " " + response.body());
            }
        }
        seedCampaign(platform, http, mapper, tokens.computeIfAbsent("zj-admin",
                u -> platform.keycloak().passwordToken(u, "demo")));
        seedBudgets(platform, http, mapper, Map.of("330600", platform.keycloak().passwordToken("sx-finance", "demo"),
                "330100", tokens.computeIfAbsent("hz-admin", u -> platform.keycloak().passwordToken(u, "demo"))));
        seedVolunteering(platform, http, mapper, tokens.computeIfAbsent("hz-staff",
                u -> platform.keycloak().passwordToken(u, "demo")));
        return new Result(created, existing, List.copyOf(nationalIds), List.copyOf(phones));
    }

    /** This year's provincial model-worker selection, open all year, so nominations can be tried at once. */
    static void seedCampaign(Platform platform, HttpClient http, ObjectMapper mapper, String token) {
        int year = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        String title = year + "年浙江省劳动模范评选（演示）";
        String existing = get(http, platform.gatewayUrl() + "/api/v1/honors/campaigns?year=" + year, token);
        if (existing.contains(title)) {
            return;
        }
        List<Map<String, Object>> quotas = new java.util.ArrayList<>();
        for (String city : List.of("330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800",
                "330900", "331000", "331100")) {
            quotas.add(Map.of("associationCode", city, "places", 3));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("honourType", "ZJ-MODEL-WORKER");
        body.put("year", year);
        body.put("title", title);
        body.put("totalPlaces", 40);
        body.put("nominationOpens", year + "-01-01");
        body.put("nominationCloses", year + "-12-31");
        body.put("quotas", quotas);
        body.put("rules", List.of(Map.of("rule", "FRONTLINE_SHARE_MIN", "threshold", 60), Map.of("rule", "IN_SERVICE"),
                Map.of("rule", "NOT_ALREADY_HOLDING")));
        require(send(http, mapper, platform.gatewayUrl() + "/api/v1/honors/campaigns", token, body), "campaign");
    }

    /** This and next year's care budgets of Shaoxing and Hangzhou, so approvals can be tried at once. */
    static void seedBudgets(Platform platform, HttpClient http, ObjectMapper mapper, Map<String, String> tokens) {
        int year = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Integer> amounts = Map.of("SPRING_FESTIVAL", 500_000, "HARDSHIP_TOPUP", 2_000_000,
                "SPECIAL_HARDSHIP", 1_000_000, "HONOUR_ALLOWANCE", 1_000_000, "MEDICAL_SUBSIDY", 800_000);
        tokens.forEach((association, token) -> amounts.forEach((programme, amount) -> {
            for (int y = year; y <= year + 1; y++) {
                HttpResponse<String> response = send(http, mapper, platform.gatewayUrl() + "/api/v1/care/budgets", token,
                        Map.of("associationCode", association, "programme", programme, "year", y, "amount", amount));
                if (response.statusCode() != 409) { // already set up by an earlier start
                    require(response, "budget");
                }
            }
        }));
    }

    /**
     * A Hangzhou service team, two published activities next month (a 助企行 in Xiaoshan, which the
     * demo member lm-chen can join, and a city lecture) and an open need on the needs board. Fixed
     * Idempotency-Keys make a second start replay instead of adding copies.
     */
    static void seedVolunteering(Platform platform, HttpClient http, ObjectMapper mapper, String token) {
        String base = platform.gatewayUrl() + "/api/v1/events";
        java.time.LocalDate month = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(1).withDayOfMonth(15);
        String key = "demo-" + month;
        HttpResponse<String> team = send(http, mapper, base + "/teams", token, Map.of("associationCode", "330100",
                "name", "杭州市劳模工匠技术服务队", "specialty", "TECHNICAL_SERVICE"), key + "-team");
        List<Map<String, Object>> activities = List.of(
                Map.of("associationCode", "330109", "kind", "TECHNICAL_SERVICE", "title", "劳模工匠助企行·萧山机械企业",
                        "startsAt", month + "T09:00:00+08:00", "endsAt", month + "T12:00:00+08:00",
                        "place", "萧山经济技术开发区", "capacity", 12, "beneficiaries", List.of(Map.of("kind", "ENTERPRISE",
                                "name", "杭州萧山某机械有限公司", "creditCode", CreditCode.compose("91330109MA2H0K1L2")))),
                Map.of("associationCode", "330100", "kind", "LECTURE", "title", "劳模宣讲进校园",
                        "startsAt", month.plusDays(3) + "T14:00:00+08:00", "endsAt", month.plusDays(3) + "T16:00:00+08:00",
                        "place", "杭州市职业技术学院", "capacity", 30));
        for (int i = 0; i < activities.size(); i++) {
            HttpResponse<String> created = send(http, mapper, base + "/activities", token, activities.get(i),
                    key + "-activity-" + i);
            require(created, "activity");
            String id = read(mapper, created.body()).path("id").asText();
            HttpResponse<String> published = send(http, mapper, base + "/activities/" + id + "/publication", token,
                    Map.of(), null);
            if (published.statusCode() != 200 && published.statusCode() != 409) {
                require(published, "publication");
            }
        }
        if (team.statusCode() != 409) {
            require(team, "team");
        }
        require(send(http, mapper, base + "/needs", token, Map.of("associationCode", "330109",
                "enterpriseName", "杭州萧山某新材料有限公司", "creditCode", CreditCode.compose("91330109MA2M3N4P5"),
                "title", "涂布线张力波动导致良品率下降", "description", "寻求设备调试与工艺改进方面的技术支持"), key + "-need"), "need");
    }

    private static void require(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("demo " + what + " refused: " + response.statusCode() + " " + response.body());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable response while seeding demo data", e);
        }
    }

    private static HttpResponse<String> send(HttpClient http, ObjectMapper mapper, String url, String token,
            Object body) {
        return send(http, mapper, url, token, body, null);
    }

    private static HttpResponse<String> send(HttpClient http, ObjectMapper mapper, String url, String token,
            Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return exchange(http, request
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("demo data not serialisable", e);
        }
    }

    private static String get(HttpClient http, String url, String token) {
        return exchange(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build()).body();
    }

    private static HttpResponse<String> exchange(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("gateway unreachable while seeding demo data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
