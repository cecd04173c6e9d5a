package cn.zjlm.federation.member.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistrationFormReaderTest {
    private static final String FORM = "姓名,身份证号码,工作单位\r\n欧阳娜娜,11010519491231002X,杭州汽轮机股份有限公司\r\n";

    @Test
    void aCsvSavedByExcelOnChineseWindowsInGbkIsReadAsUtf8Is() {
        for (byte[] file : new byte[][] {FORM.getBytes(Charset.forName("GBK")), FORM.getBytes(StandardCharsets.UTF_8),
                ("\uFEFF" + FORM).getBytes(StandardCharsets.UTF_8)}) {
            var rows = RegistrationFormReader.read(file, false);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get(ImportColumns.NAME)).isEqualTo("欧阳娜娜");
            assertThat(rows.get(0).get("工作单位")).isEqualTo("杭州汽轮机股份有限公司");
        }
    }
}
