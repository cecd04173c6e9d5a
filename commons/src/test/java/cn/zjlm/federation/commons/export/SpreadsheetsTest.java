package cn.zjlm.federation.commons.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetsTest {
    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        String csv = new String(Spreadsheets.csv(List.of("单位"), List.of(List.of("=1+1"), List.of("\t=HYPERLINK(\"x\")"),
                List.of("\r@SUM(A1)"), List.of("杭州汽轮机"), List.of("-5"))), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")).containsExactly("\uFEFF\"单位\"", "\"'=1+1\"", "\"'\t=HYPERLINK(\"\"x\"\")\"",
                "\"'\r@SUM(A1)\"", "\"杭州汽轮机\"", "\"'-5\"");
    }
}
