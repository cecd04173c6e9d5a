package cn.zjlm.federation.member.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads registration forms (登记表) exported as CSV or XLSX into rows keyed by the Chinese column
 * headers. Row numbers are the spreadsheet's own (header = row 1), so reports point at the cell.
 */
public final class RegistrationFormReader {
    public static final int MAX_ROWS = 100_000;

    /**
     * A data row: its spreadsheet row number and its cells, found by header through the column map the file's
     * rows share (a map per row took 1.5 KB: a 100,000-row file filled the heap).
     */
    public record FormRow(int number, Map<String, Integer> columns, String[] cells) {
        public String get(String header) {
            Integer column = columns.get(header);
            String value = column == null || column >= cells.length ? null : cells[column];
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /**
     * Values repeated down a column (sex, ethnic group, category, association, title) are kept once; a column
     * with more distinct values than this (names, ID numbers) stops being shared.
     */
    private static final int SHARED_PER_COLUMN = 1000;
    /** POI holds a whole workbook in memory: 10 MB of XLSX is well over 100,000 form rows. */
    public static final int MAX_XLSX_BYTES = 10 * 1024 * 1024;

    private RegistrationFormReader() {
    }

    public static List<FormRow> read(byte[] file, boolean xlsx) {
        if (xlsx && file.length > MAX_XLSX_BYTES) {
            throw new ImportFileException("import.xlsx-too-large");
        }
        List<List<String>> table = xlsx ? xlsx(file) : csv(decode(file));
        if (table.isEmpty()) {
            throw new ImportFileException("import.empty-file");
        }
        List<String> headers = table.get(0).stream().map(h -> h == null ? "" : h.strip()).toList();
        if (!headers.contains(ImportColumns.NAME) || !headers.contains(ImportColumns.NATIONAL_ID)) {
            throw new ImportFileException("import.missing-headers");
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw new ImportFileException("import.too-many-rows");
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < headers.size(); c++) {
            columns.put(headers.get(c), c); // a repeated header: its last column, as before
        }
        List<Map<String, String>> shared = new ArrayList<>();
        headers.forEach(h -> shared.add(new HashMap<>()));
        List<FormRow> rows = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            String[] values = new String[Math.min(headers.size(), cells.size())];
            for (int c = 0; c < values.length; c++) {
                String value = cells.get(c);
                Map<String, String> column = shared.get(c);
                String known = value == null ? null : column.get(value);
                if (known == null && value != null && column.size() < SHARED_PER_COLUMN) {
                    column.put(value, value);
                }
                values[c] = known == null ? value : known;
            }
            rows.add(new FormRow(r + 1, columns, values));
        }
        return rows;
    }

    /**
     * UTF-8, or else GB 18030: Excel on Chinese Windows saves "CSV" in the system code page (GBK, which GB 18030
     * contains), and such a file is not valid UTF-8.
     */
    static String decode(byte[] file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(file)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return new String(file, java.nio.charset.Charset.forName("GB18030"));
        }
    }

    /** RFC 4180: quoted fields, doubled quotes, line breaks inside quotes; a UTF-8 BOM is ignored. */
    static List<List<String>> csv(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                if (rows.size() > MAX_ROWS + 1) { // header and rows: stop before a huge file fills the heap
                    throw new ImportFileException("import.too-many-rows");
                }
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    static List<List<String>> xlsx(byte[] file) {
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = book.getSheetAt(0);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new ImportFileException("import.unreadable-xlsx");
        }
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return null;
        }
        if (cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            return cell.getLocalDateTimeCellValue().toLocalDate().toString();
        }
        if (cell.getCellType() == CellType.NUMERIC && cell.getNumericCellValue() >= 1e15) {
            // An 18-digit ID number typed as a number has lost its last digits: say so rather than guess.
            return "#NUMERIC:" + formatter.formatCellValue(cell);
        }
        return formatter.formatCellValue(cell);
    }

    /** The file as a whole cannot be imported (not a row problem). */
    public static class ImportFileException extends RuntimeException {
        private final String code;

        public ImportFileException(String code) {
            super(code);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
