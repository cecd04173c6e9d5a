package cn.zjlm.federation.commons.error;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Titles, details and field messages in English and Chinese, chosen by Accept-Language. */
public final class ProblemMessages {
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private ProblemMessages() {
    }

    /** Chinese when the caller's most preferred language is Chinese, English otherwise. */
    public static Locale choose(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("*".equals(locale.getLanguage())) {
                continue;
            }
            return "zh".equals(locale.getLanguage()) ? CHINESE : Locale.ENGLISH;
        }
        return Locale.ENGLISH;
    }

    public static String title(String code, Locale locale) {
        return lookup("problem." + code + ".title", locale, code);
    }

    public static String detail(String code, Locale locale, Object... args) {
        String pattern = lookup("problem." + code + ".detail", locale, null);
        return pattern == null ? null : new MessageFormat(pattern, locale).format(args);
    }

    /** Message for a field code such as national-id.check-digit (same keys as ValidationMessages). */
    public static String field(String fieldCode, Locale locale) {
        return lookup(fieldCode, locale, fieldCode);
    }

    private static String lookup(String key, Locale locale, String fallback) {
        for (String bundle : List.of("ProblemMessages", "ValidationMessages")) {
            try {
                return ResourceBundle.getBundle(bundle, locale, ResourceBundle.Control.getNoFallbackControl(
                        ResourceBundle.Control.FORMAT_PROPERTIES)).getString(key);
            } catch (MissingResourceException ignored) {
                // try the next bundle
            }
        }
        return fallback;
    }
}
