package io.flk.api.hrs;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import io.flk.api.hrs.ModelCard.DataProvenance;
import io.flk.api.hrs.ModelCard.Eligibility;
import io.flk.domain.hrs.CandidateResult;
import io.flk.domain.hrs.HrsModelQueries.HrsVersionPerformance;
import io.flk.domain.hrs.ModelMetrics;
import io.flk.domain.hrs.ModelMetrics.ReliabilityBin;
import java.time.Instant;
import java.util.Locale;

/**
 * A model card as one self-contained HTML5 page: inline CSS and SVG, no script and nothing fetched, so that it
 * can be saved, mailed or attached to an audit as it is. Every string is escaped: versions, actors and reasons
 * come from users.
 */
public final class ModelCardPage {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:68rem;\
            padding:0 1rem;color:#1f2328;line-height:1.45}
            header{border-bottom:2px solid #d0d7de;margin-bottom:1rem}
            h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin-top:2rem}
            code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;word-break:break-all}
            table{border-collapse:collapse;margin:.5rem 0}
            th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa;font-weight:600}td.number{text-align:right;font-variant-numeric:tabular-nums}
            .role{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#ddf4ff;font-weight:600}
            .verdict{padding:.6rem 1rem;border-radius:.4rem;font-weight:600}
            .eligible{background:#dafbe1;border:1px solid #4ac26b}.ineligible{background:#ffebe9;border:1px solid #ff8182}
            .refused{color:#cf222e;font-weight:600}
            .charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}
            figcaption{font-size:.9rem;color:#57606a;max-width:330px}
            svg .frame{fill:#fff;stroke:#8c959f}svg .tick{stroke:#8c959f}
            svg .tick-label,svg .count{font-size:10px;fill:#57606a}svg .count{text-anchor:middle}
            svg .axis-label{font-size:12px;fill:#1f2328}
            svg .reference{stroke:#8c959f;stroke-dasharray:4 4}
            svg .curve{fill:none;stroke:#0969da;stroke-width:2}
            svg .bin{fill:#54aeff;fill-opacity:.35;stroke:#0969da}svg .point{fill:#cf222e}
            """;

    private ModelCardPage() {
    }

    public static String html(ModelCard card) {
        StringBuilder page = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>HRS model card: ").append(text(card.modelVersion())).append(" (")
                .append(text(card.tenantId())).append(")</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(page, card);
        summary(page, card);
        eligibility(page, card.eligibility());
        charts(page, card.offlineMetrics());
        onlinePerformance(page, card.onlinePerformance());
        candidates(page, card);
        features(page, card);
        provenance(page, card);
        page.append("<section>\n<h2>Intended use</h2>\n<p>").append(text(card.intendedUse())).append("</p>\n")
                .append("<h2>Limitations</h2>\n<ul>\n");
        card.limitations().forEach(limitation -> page.append("<li>").append(text(limitation)).append("</li>\n"));
        return page.append("</ul>\n</section>\n</body>\n</html>\n").toString();
    }

    private static void header(StringBuilder page, ModelCard card) {
        page.append("<header>\n<h1>HRS model <code>").append(text(card.modelVersion())).append("</code></h1>\n")
                .append("<p>Tenant <code>").append(text(card.tenantId())).append("</code> &middot; ")
                .append("<span class=\"role\">").append(card.role() == null ? "not routed" : card.role().name())
                .append("</span>");
        if (card.refusal() != null) {
            page.append(" &middot; <span class=\"refused\">artifact refused: ").append(text(card.refusal()))
                    .append("</span>");
        }
        page.append("</p>\n</header>\n");
    }

    private static void summary(StringBuilder page, ModelCard card) {
        ModelMetrics metrics = card.offlineMetrics();
        page.append("<section>\n<h2>Summary</h2>\n<table>\n");
        row(page, "Registered by", text(card.registeredBy()));
        row(page, "Registered at", instant(card.registeredAt()));
        row(page, "Algorithm", text(card.algorithm()));
        row(page, "Calibration", text(card.calibration()));
        row(page, "Test split", metrics.rows() + " tasks, " + metrics.positives() + " hallucinated");
        row(page, "ROC AUC", number(metrics.rocAuc()));
        row(page, "PR AUC", number(metrics.prAuc()));
        row(page, "Brier score", number(metrics.brier()));
        row(page, "Expected calibration error", number(metrics.ece()));
        page.append("</table>\n</section>\n");
    }

    private static void eligibility(StringBuilder page, Eligibility eligibility) {
        page.append("<section>\n<h2>Eligibility</h2>\n<p class=\"verdict ")
                .append(eligibility.eligible() ? "eligible\">Eligible to decide tasks" :
                        "ineligible\">Not eligible to decide tasks (it may still shadow)")
                .append(": ROC AUC ").append(number(eligibility.rocAuc()))
                .append(eligibility.rocAuc() >= eligibility.minRocAuc() ? " &ge; " : " &lt; ")
                .append(number(eligibility.minRocAuc())).append(" required, ECE ").append(number(eligibility.ece()))
                .append(eligibility.ece() <= eligibility.maxEce() ? " &le; " : " &gt; ")
                .append(number(eligibility.maxEce())).append(" allowed.</p>\n</section>\n");
    }

    private static void charts(StringBuilder page, ModelMetrics metrics) {
        double prevalence = metrics.rows() == 0 ? 0 : (double) metrics.positives() / metrics.rows();
        UnitSquareChart roc = new UnitSquareChart("ROC curve, AUC " + number(metrics.rocAuc()),
                "False-positive rate", "True-positive rate").diagonal().curve(metrics.roc());
        UnitSquareChart pr = new UnitSquareChart("Precision-recall curve, AUC " + number(metrics.prAuc()),
                "Recall", "Precision").horizontal(prevalence).curve(metrics.pr());
        UnitSquareChart reliability = new UnitSquareChart("Reliability diagram, ECE " + number(metrics.ece()),
                "Predicted risk", "Observed hallucination rate").diagonal();
        for (ReliabilityBin bin : metrics.reliability()) {
            reliability.bar(bin.from(), bin.to(), bin.observedRate(), "n=" + bin.count());
        }
        for (ReliabilityBin bin : metrics.reliability()) {
            if (bin.count() > 0) {
                reliability.point(bin.meanPredicted(), bin.observedRate());
            }
        }
        page.append("<section>\n<h2>Offline metrics</h2>\n<div class=\"charts\">\n");
        figure(page, roc, "ROC curve on the held-out test split. The dashed diagonal is a model that guesses.");
        figure(page, pr, "Precision against recall, hallucinations as the positive class. The dashed line is the "
                + "share of hallucinations in the test split (" + number(prevalence) + "), what guessing reaches.");
        figure(page, reliability, "Observed hallucination rate per bin of predicted risk (bars, with the number of "
                + "tasks) and at the bin's mean prediction (dots). A calibrated model stays on the dashed diagonal.");
        page.append("</div>\n</section>\n");
    }

    private static void onlinePerformance(StringBuilder page, HrsVersionPerformance online) {
        page.append("<section>\n<h2>Online performance</h2>\n");
        if (online == null) {
            page.append("<p>No live task scored by this version has been labelled yet.</p>\n</section>\n");
            return;
        }
        page.append("<table>\n");
        row(page, "Tasks decided", String.valueOf(online.deciding()));
        row(page, "Tasks scored as a shadow", String.valueOf(online.shadowed()));
        row(page, "Labelled", online.labelled() + " (" + online.hallucinated() + " hallucinated)");
        row(page, "Online ROC AUC", online.onlineAuc() == null
                ? "not yet: needs both grounded and hallucinated labels" : number(online.onlineAuc()));
        page.append("</table>\n</section>\n");
    }

    private static void candidates(StringBuilder page, ModelCard card) {
        page.append("<section>\n<h2>Candidates</h2>\n<table>\n<tr><th>Candidate</th><th>Trained as</th>")
                .append("<th>Validation ROC AUC</th><th>Chosen</th></tr>\n");
        for (CandidateResult candidate : card.candidates()) {
            page.append("<tr><td>").append(text(candidate.candidate())).append("</td><td><code>")
                    .append(text(candidate.algorithm())).append("</code></td><td class=\"number\">")
                    .append(number(candidate.validationAuc())).append("</td><td>")
                    .append(candidate.chosen() ? "chosen" : "").append("</td></tr>\n");
        }
        page.append("</table>\n</section>\n");
    }

    private static void features(StringBuilder page, ModelCard card) {
        page.append("<section>\n<h2>Features</h2>\n<p>PI-safe numeric features, in the order the model reads them."
                + "</p>\n<ol>\n");
        card.featureSchema().forEach(feature -> page.append("<li><code>").append(text(feature))
                .append("</code></li>\n"));
        page.append("</ol>\n</section>\n");
    }

    private static void provenance(StringBuilder page, ModelCard card) {
        DataProvenance data = card.data();
        page.append("<section>\n<h2>Data provenance</h2>\n<table>\n");
        row(page, "Window", instant(data.windowFrom()) + " to " + instant(data.windowTo()) + " (end excluded)");
        row(page, "Rows", data.trainingRows() + " training, " + data.validationRows() + " validation, "
                + data.testRows() + " test");
        row(page, "Seed", String.valueOf(data.seed()));
        row(page, "Data digest (SHA-256 of the rows' event references)", code(data.dataDigest()));
        row(page, "Artifact SHA-256", code(card.artifact().sha256()));
        row(page, "Signature (Ed25519)", code(card.artifact().signature()));
        row(page, "Signing key id (SHA-256 of the public key)", code(card.artifact().signingKeyId()));
        page.append("</table>\n</section>\n");
    }

    private static void figure(StringBuilder page, UnitSquareChart chart, String caption) {
        page.append("<figure>\n").append(chart.svg()).append("\n<figcaption>").append(text(caption))
                .append("</figcaption>\n</figure>\n");
    }

    /** @param value already escaped */
    private static void row(StringBuilder page, String header, String value) {
        page.append("<tr><th>").append(text(header)).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String code(String value) {
        return "<code>" + text(value) + "</code>";
    }

    private static String text(String value) {
        return value == null ? "&mdash;" : htmlEscape(value);
    }

    private static String instant(Instant instant) {
        return instant == null ? "&mdash;" : instant.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
