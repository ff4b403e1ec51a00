package io.flk.api.hrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.util.HtmlUtils.htmlEscape;

import io.flk.domain.hrs.EligibilityGates;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelCardPageTest {

    private static final Pattern POLYLINE = Pattern.compile("<polyline class=\"curve\" points=\"([^\"]*)\"");

    @Test
    void thePageIsACompleteDocumentThatFetchesAndRunsNothing() {
        String html = page("trainer", 0.91234, 0.031);

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n")
                .contains("<meta charset=\"utf-8\">", "<style>", "<title>HRS model card: 2026-11-27.1 (acme)</title>")
                .doesNotContain("<script", "src=", "href=", "url(", "@import", "<link");
    }

    @Test
    void theHeaderNamesTheVersionAndItsRole() {
        assertThat(page("trainer", 0.91, 0.03))
                .contains("<h1>HRS model <code>2026-11-27.1</code></h1>", "<span class=\"role\">CHAMPION</span>");
    }

    @Test
    void drawsTheRocPrecisionRecallAndReliabilityChartsWithEveryPoint() {
        List<String> charts = charts(page("trainer", 0.91, 0.03));

        assertThat(charts).hasSize(3);
        assertThat(charts.get(0)).contains("<title>ROC curve, AUC 0.910</title>", "False-positive rate",
                "True-positive rate", "class=\"reference\"");
        assertThat(plottedPoints(charts.get(0))).isEqualTo(5);
        assertThat(charts.get(1)).contains("Precision-recall curve, AUC 0.705", "Recall", "Precision");
        assertThat(plottedPoints(charts.get(1))).isEqualTo(4);
        assertThat(charts.get(2)).contains("Reliability diagram, ECE 0.030", "Predicted risk", "class=\"reference\"",
                ">n=300<", ">n=0<", ">n=100<");
        assertThat(occurrences(charts.get(2), "<rect class=\"bin\"")).as("a bar per bin").isEqualTo(3);
        assertThat(occurrences(charts.get(2), "<circle class=\"point\"")).as("a dot per non-empty bin").isEqualTo(2);
        charts.forEach(chart -> assertThat(chart).as("axes have ticks and labels")
                .contains(">0<", ">0.25<", ">0.50<", ">0.75<", ">1<", "class=\"axis-label\""));
    }

    @Test
    void plotsCoordinatesInsideThePlotArea() {
        String roc = charts(page("trainer", 0.91, 0.03)).get(0);

        assertThat(roc).contains("points=\"58.0,270.0 70.8,142.0 83.6,78.0 134.8,39.6 314.0,14.0\"");
    }

    @Test
    void numbersAreFormattedToThreeDecimalsWithADotWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(page("trainer", 0.91234, 0.031))
                    .contains("<th>ROC AUC</th><td>0.912</td>", "<th>Expected calibration error</th><td>0.031</td>",
                            "<td class=\"number\">0.904</td>")
                    .doesNotContain("0,912");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theEligibilityVerdictShowsTheNumbersAgainstTheBar() {
        assertThat(page("trainer", 0.91, 0.03)).contains("Eligible to decide tasks: ROC AUC 0.910 &ge; 0.850 required, "
                + "ECE 0.030 &le; 0.050 allowed.");
        assertThat(page("trainer", 0.81, 0.07)).contains("Not eligible to decide tasks (it may still shadow): "
                + "ROC AUC 0.810 &lt; 0.850 required, ECE 0.070 &gt; 0.050 allowed.");
    }

    @Test
    void aHostileRegistrarAppearsOnlyEscaped() {
        String html = page("<script>alert(1)</script>", 0.91, 0.03);

        assertThat(html).contains("<th>Registered by</th><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
                .doesNotContain("<script");
    }

    @Test
    void provenanceIntendedUseAndLimitationsArePrinted() {
        assertThat(page("trainer", 0.91, 0.03)).contains("2026-10-28T00:00:00Z to 2026-11-27T00:00:00Z",
                "1400 training, 300 validation, 400 test", "<code>" + "d".repeat(64) + "</code>",
                "<code>" + "a".repeat(64) + "</code>", "<code>c2lnbmF0dXJl</code>",
                "<code>" + "b".repeat(64) + "</code>", "<li><code>logprobMean</code></li>",
                htmlEscape(ModelCard.INTENDED_USE), htmlEscape(ModelCard.LIMITATIONS.get(1)),
                "No live task scored by this version has been labelled yet.");
    }

    private static String page(String registeredBy, double rocAuc, double ece) {
        return ModelCardPage.html(ModelCard.of(ModelCards.version(registeredBy, rocAuc, ece), null,
                EligibilityGates.defaults()));
    }

    private static List<String> charts(String html) {
        return Arrays.stream(html.split("<svg")).skip(1).map(chart -> chart.substring(0, chart.indexOf("</svg>")))
                .toList();
    }

    private static int plottedPoints(String chart) {
        Matcher polyline = POLYLINE.matcher(chart);
        assertThat(polyline.find()).as("the chart draws a curve").isTrue();
        return polyline.group(1).split(" ").length;
    }

    private static int occurrences(String text, String fragment) {
        return text.split(Pattern.quote(fragment), -1).length - 1;
    }
}
