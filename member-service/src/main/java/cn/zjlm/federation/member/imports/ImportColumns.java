package cn.zjlm.federation.member.imports;

import cn.zjlm.federation.member.domain.Gender;
import cn.zjlm.federation.member.domain.HonourCategory;
import cn.zjlm.federation.member.domain.HonourLevel;
import cn.zjlm.federation.member.domain.MemberStatus;
import cn.zjlm.federation.member.domain.Sector;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** The registration form's column headers and the values people write in them. */
public final class ImportColumns {
    public static final String NAME = "姓名";
    public static final String GENDER = "性别";
    public static final String ETHNICITY = "民族";
    public static final String BIRTH_DATE = "出生日期";
    public static final String NATIONAL_ID = "身份证号码";
    public static final String PHONE = "联系电话";
    public static final String EMPLOYER = "工作单位";
    public static final String CREDIT_CODE = "统一社会信用代码";
    public static final String SECTOR = "人员类别";
    public static final String OCCUPATION = "职业/岗位";
    public static final String EDUCATION = "学历";
    public static final String POLITICAL_STATUS = "政治面貌";
    public static final String ADDRESS = "通讯地址";
    public static final String ASSOCIATION = "所属协会代码";
    public static final String STATUS = "状态";
    public static final String DECEASED_ON = "去世日期";
    public static final String NOTES = "备注";
    public static final String HONOUR_TITLE = "荣誉称号";
    public static final String HONOUR_LEVEL = "荣誉级别";
    public static final String HONOUR_CATEGORY = "荣誉类别";
    public static final String HONOUR_YEAR = "授予年份";
    public static final String HONOUR_BODY = "授予机关";
    public static final String HONOUR_CERTIFICATE = "证书编号";

    /** Column headers in form order (also the template's). */
    public static final List<String> ALL = List.of(NAME, GENDER, ETHNICITY, BIRTH_DATE, NATIONAL_ID, PHONE, EMPLOYER,
            CREDIT_CODE, SECTOR, OCCUPATION, EDUCATION, POLITICAL_STATUS, ADDRESS, ASSOCIATION, STATUS, DECEASED_ON, NOTES, HONOUR_TITLE, HONOUR_CATEGORY,
            HONOUR_LEVEL, HONOUR_YEAR, HONOUR_BODY, HONOUR_CERTIFICATE);

    /** JSON field each column feeds, so row errors name the same fields as the API does. */
    public static final Map<String, String> FIELD = Map.ofEntries(Map.entry("name", NAME),
            Map.entry("gender", GENDER), Map.entry("ethnicity", ETHNICITY), Map.entry("birthDate", BIRTH_DATE),
            Map.entry("nationalId", NATIONAL_ID), Map.entry("phone", PHONE), Map.entry("employer", EMPLOYER),
            Map.entry("employerCreditCode", CREDIT_CODE), Map.entry("sector", SECTOR),
            Map.entry("occupation", OCCUPATION), Map.entry("education", EDUCATION),
            Map.entry("politicalStatus", POLITICAL_STATUS), Map.entry("address", ADDRESS), Map.entry("associationCode", ASSOCIATION),
            Map.entry("status", STATUS), Map.entry("deceasedOn", DECEASED_ON), Map.entry("notes", NOTES),
            Map.entry("title", HONOUR_TITLE), Map.entry("category", HONOUR_CATEGORY),
            Map.entry("level", HONOUR_LEVEL), Map.entry("year", HONOUR_YEAR));

    private static final Map<String, Gender> GENDERS = Map.of("男", Gender.MALE, "女", Gender.FEMALE,
            "MALE", Gender.MALE, "FEMALE", Gender.FEMALE);
    private static final Map<String, Sector> SECTORS = Map.of("一线工人", Sector.FRONTLINE_WORKER, "农民", Sector.FARMER,
            "专业技术人员", Sector.PROFESSIONAL, "企业负责人", Sector.ENTERPRISE_HEAD, "机关事业单位",
            Sector.PUBLIC_SERVICE, "其他", Sector.OTHER);
    private static final Map<String, MemberStatus> STATUSES = Map.of("在职", MemberStatus.IN_SERVICE, "退休",
            MemberStatus.RETIRED, "已故", MemberStatus.DECEASED);
    private static final Map<String, HonourLevel> LEVELS = Map.of("全国", HonourLevel.NATIONAL, "国家级",
            HonourLevel.NATIONAL, "省级", HonourLevel.PROVINCIAL, "省部级", HonourLevel.PROVINCIAL, "市级",
            HonourLevel.CITY, "县级", HonourLevel.COUNTY);
    private static final Map<String, HonourCategory> CATEGORIES = Map.of("劳动模范", HonourCategory.MODEL_WORKER,
            "先进工作者", HonourCategory.ADVANCED_WORKER, "五一劳动奖章", HonourCategory.LABOUR_MEDAL, "工匠",
            HonourCategory.CRAFTSMAN, "其他", HonourCategory.OTHER);
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy年M月d日"));

    private ImportColumns() {
    }

    /** A cell that does not hold an allowed value. */
    public static class BadValue extends RuntimeException {
        public final String field;
        public final String code;

        BadValue(String field, String code) {
            super(code);
            this.field = field;
            this.code = code;
        }
    }

    static Gender gender(String value) {
        return lookup(GENDERS, value, "gender");
    }

    static Sector sector(String value) {
        return lookup(SECTORS, value, "sector");
    }

    static MemberStatus status(String value) {
        return lookup(STATUSES, value, "status");
    }

    static HonourLevel level(String value) {
        return lookup(LEVELS, value, "level");
    }

    /** The category from the column, or guessed from the title (…劳动模范, …工匠 …). */
    static HonourCategory category(String value, String title) {
        if (value != null) {
            return lookup(CATEGORIES, value, "category");
        }
        for (Map.Entry<String, HonourCategory> e : CATEGORIES.entrySet()) {
            if (title.contains(e.getKey()) || (e.getValue() == HonourCategory.CRAFTSMAN && title.endsWith("匠"))) {
                return e.getValue();
            }
        }
        return HonourCategory.OTHER;
    }

    static LocalDate date(String value, String field) {
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(value.strip(), format);
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        throw new BadValue(field, "import.date-unreadable");
    }

    private static <T> T lookup(Map<String, T> values, String value, String field) {
        if (value == null) {
            return null;
        }
        T found = values.get(value.strip());
        if (found == null) {
            found = values.get(value.strip().toUpperCase());
        }
        if (found == null) {
            throw new BadValue(field, "import.value-not-allowed");
        }
        return found;
    }
}
