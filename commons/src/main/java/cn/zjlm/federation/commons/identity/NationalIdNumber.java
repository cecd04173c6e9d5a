package cn.zjlm.federation.commons.identity;

import cn.zjlm.federation.commons.time.ChinaTime;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * GB 11643-1999 citizen identity number: 6-digit area code, 8-digit birth date, 3-digit sequence,
 * check character over the first 17 digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11).
 */
public final class NationalIdNumber {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Why a value is not a valid ID number; the names are the error codes callers see. */
    public enum Defect {
        LENGTH, CHARACTERS, BIRTH_DATE, CHECK_DIGIT;

        public String code() {
            return "national-id." + name().toLowerCase().replace('_', '-');
        }
    }

    private NationalIdNumber() {
    }

    /** Trims and upper-cases a trailing x, as people type it; does not validate. */
    public static String normalize(String raw) {
        return raw == null ? null : raw.strip().toUpperCase();
    }

    public static Optional<Defect> defect(String raw) {
        String id = normalize(raw);
        if (id == null || id.length() != 18) {
            return Optional.of(Defect.LENGTH);
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return Optional.of(Defect.CHARACTERS);
            }
        }
        char last = id.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of(Defect.CHARACTERS);
        }
        if (birthDateOf(id).isEmpty()) {
            return Optional.of(Defect.BIRTH_DATE);
        }
        return checkCharacter(id) == last ? Optional.empty() : Optional.of(Defect.CHECK_DIGIT);
    }

    public static boolean isValid(String raw) {
        return defect(raw).isEmpty();
    }

    /** The check character for the first 17 digits of {@code id}. */
    public static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Birth date encoded in characters 7–14, if it is a real date not in the future and after 1900. */
    public static Optional<LocalDate> birthDateOf(String raw) {
        String id = normalize(raw);
        if (id == null || id.length() < 14) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)), Integer.parseInt(id.substring(12, 14)));
            if (date.getYear() < 1900 || date.isAfter(ChinaTime.today())) {
                return Optional.empty();
            }
            return Optional.of(date);
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Odd sequence digit (character 17) means male, even female. */
    public static boolean isMale(String raw) {
        return (normalize(raw).charAt(16) - '0') % 2 == 1;
    }

    /** Builds a valid number from area code, birth date and sequence (demo and test data). */
    public static String compose(String areaCode, LocalDate birthDate, int sequence) {
        String body = areaCode + String.format("%04d%02d%02d%03d", birthDate.getYear(), birthDate.getMonthValue(),
                birthDate.getDayOfMonth(), sequence % 1000);
        return body + checkCharacter(body);
    }
}
