package cn.zjlm.federation.benchmark;

import cn.zjlm.federation.commons.identity.NationalIdNumber;
import cn.zjlm.federation.commons.pii.PiiCipher;
import cn.zjlm.federation.local.LocalPostgres;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A realistic registry of any size, loaded straight into member-service's database with COPY: valid
 * GB 11643 ID numbers in county divisions of the real association tree, ID numbers and phones
 * encrypted and blind-indexed with the platform's keys, and about a third of members with an honour
 * (member-service's trigger records the levels held on the member, as for any other writer).
 */
final class MemberSeeder {
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马",
        "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
        "欧阳", "诸葛"};
    private static final String[] GIVEN = {"建国", "丽萍", "卫东", "晓军", "慧敏", "文静", "建平", "海燕", "志强", "秀英",
        "国庆", "春梅", "永明", "桂兰", "立新", "红霞", "伟", "芳", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟"};
    private static final int CHUNK = 50_000;

    private final LocalPostgres postgres;
    private final PiiCipher cipher;
    private int seeded;

    MemberSeeder(LocalPostgres postgres, PiiCipher cipher) {
        this.postgres = postgres;
        this.cipher = cipher;
    }

    /** Adds members until the registry holds {@code total} seeded ones. */
    void growTo(int total) throws Exception {
        try (Connection c = postgres.connect("member")) {
            List<String> counties = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select code from association where level = 'COUNTY' order by code")) {
                while (rs.next()) {
                    counties.add(rs.getString(1));
                }
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            while (seeded < total) {
                int end = Math.min(total, seeded + CHUNK);
                StringBuilder members = new StringBuilder();
                StringBuilder honours = new StringBuilder();
                for (int i = seeded; i < end; i++) {
                    row(i, counties, members, honours);
                }
                copy.copyIn("copy member (id, name, gender, birth_date, national_id_cipher, national_id_index, "
                        + "phone_cipher, employer, sector, association_code, status, created_at, created_by, "
                        + "updated_at, updated_by) from stdin (format csv)", new StringReader(members.toString()));
                copy.copyIn("copy member_honour (id, member_id, honour_type, category, level, title, year, "
                        + "recorded_at, recorded_by) from stdin (format csv)", new StringReader(honours.toString()));
                seeded = end;
            }
            try (Statement s = c.createStatement()) {
                // as autovacuum would after a bulk load: statistics, and the visibility map index-only scans need
                s.execute("vacuum analyze member");
                s.execute("vacuum analyze member_honour");
            }
        }
    }

    /** Member i, deterministic: its ID number is unique for any i below 90 counties × 16,000 days × 1,000. */
    private void row(int i, List<String> counties, StringBuilder members, StringBuilder honours) {
        SplittableRandom random = new SplittableRandom(i);
        String county = counties.get(i % counties.size());
        int rest = i / counties.size();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(rest % 16_000);
        String nationalId = NationalIdNumber.compose(county, birth, rest / 16_000);
        String phone = "13" + String.format("%09d", (long) i * 7 % 1_000_000_000L);
        UUID id = new UUID(0xbe4c_0000_0000_0000L | i, random.nextLong());
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        int roll = random.nextInt(100);
        String level = roll >= 33 ? null : roll < 2 ? "NATIONAL" : roll < 12 ? "PROVINCIAL" : "CITY";
        members.append(id).append(',').append(name).append(',').append(NationalIdNumber.isMale(nationalId)
                ? "MALE" : "FEMALE").append(',').append(birth).append(',').append(cipher.encrypt(nationalId))
                .append(',').append(cipher.blindIndex(nationalId)).append(',').append(cipher.encrypt(phone))
                .append(",浙江省某制造有限公司,FRONTLINE_WORKER,").append(county).append(',')
                .append(birth.getYear() < 1966 ? "RETIRED" : "IN_SERVICE")
                .append(",2026-01-01T00:00:00Z,benchmark,2026-01-01T00:00:00Z,benchmark\n");
        if (level != null) {
            String title = switch (level) {
                case "NATIONAL" -> "全国劳动模范";
                case "PROVINCIAL" -> "浙江省劳动模范";
                default -> "市劳动模范";
            };
            honours.append(UUID.randomUUID()).append(',').append(id).append(",BENCH,MODEL_WORKER,").append(level)
                    .append(',').append(title).append(',').append(1990 + random.nextInt(36))
                    .append(",2026-01-01T00:00:00Z,benchmark\n");
        }
    }
}
