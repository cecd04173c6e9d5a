package cn.zjlm.federation.local;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a labelled gauge from the service under test's Prometheus endpoint. */
public final class ScrapedMetrics {
    private ScrapedMetrics() {
    }

    /** Label value -> figure of every series of {@code metric} (Prometheus name, e.g. federation_members). */
    public static Map<String, Double> gauge(String metric, String label) {
        String body = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern series = Pattern.compile("^" + Pattern.quote(metric) + "\\{[^}]*" + Pattern.quote(label)
                + "=\"([^\"]*)\"[^}]*} (\\S+)$", Pattern.MULTILINE);
        Map<String, Double> figures = new TreeMap<>();
        Matcher m = series.matcher(body);
        while (m.find()) {
            figures.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return figures;
    }

    public static double figure(String metric, String label, String value) {
        return gauge(metric, label).getOrDefault(value, 0.0);
    }
}
