package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The game-day report as one self-contained HTML page: the verdicts as tables and each signal's timeline as inline SVG
 * (the fault phase shaded, the objective dashed), with no script, stylesheet or font fetched from anywhere.
 */
final class ReportHtml {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 150;
    private static final int LEFT = 48;
    private static final int BOTTOM = 22;

    private ReportHtml() {}

    static String render(JsonNode report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Game day ").append(escape(report.path("scenario").asText()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.held{color:#17702b;font-weight:bold}"
                        + ".broken,.unmeasured{color:#b00020;font-weight:bold}svg{display:block;margin:0 0 1.5em}</style></head><body>\n");
        html.append("<h1>Game day ").append(escape(report.path("scenario").asText())).append(": <span class=\"").append(report.path("result").asText())
                .append("\">").append(report.path("result").asText().equals("held") ? "every hypothesis held" : "a hypothesis did not hold")
                .append("</span></h1>\n<p>").append(escape(report.path("description").asText())).append("</p>\n<p>From ")
                .append(escape(report.path("startedAt").asText())).append(" to ").append(escape(report.path("endedAt").asText()))
                .append(", time scale ").append(report.path("timeScale").asText()).append(".</p>\n");
        html.append("<h2>Hypotheses</h2>\n<table><tr><th>Expectation</th><th>During</th><th>Value</th><th>Result</th></tr>\n");
        for (JsonNode hypothesis : report.path("hypotheses")) {
            html.append("<tr><td>").append(escape(hypothesis.path("expect").asText())).append("</td><td>").append(hypothesis.path("during").asText())
                    .append("</td><td>").append(text(hypothesis.path("value"))).append("</td><td class=\"").append(hypothesis.path("status").asText())
                    .append("\">").append(hypothesis.path("status").asText()).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Incidents</h2>\n<table><tr><th>Incident</th><th>What</th><th>From (s)</th><th>To (s)</th><th>Detected by</th>"
                + "<th>Time to detect (s)</th><th>Signals that moved</th><th>Recovered</th><th>Time to recover (s)</th></tr>\n");
        for (JsonNode incident : report.path("incidents")) {
            StringBuilder moved = new StringBuilder();
            for (JsonNode signal : incident.path("signals")) {
                moved.append(moved.length() == 0 ? "" : ", ").append(escape(signal.path("signal").asText())).append(" after ")
                        .append(signal.path("movedAfterSeconds").asText()).append(" s");
            }
            html.append("<tr><td>").append(escape(incident.path("name").asText())).append("</td><td>").append(escape(incident.path("what").asText()))
                    .append("</td><td>").append(incident.path("start").asText()).append("</td><td>").append(incident.path("end").asText())
                    .append("</td><td>").append(text(incident.path("detectedBy"))).append("</td><td>").append(text(incident.path("timeToDetectSeconds")))
                    .append("</td><td>").append(moved).append("</td><td>").append(text(incident.path("recovered"))).append("</td><td>")
                    .append(text(incident.path("timeToRecoverSeconds"))).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>SLIs and their SLO budgets</h2>\n<table><tr><th>Signal</th><th>Objective</th><th>Baseline</th><th>Fault</th>"
                + "<th>Recovery</th><th>Bad events</th><th>Burn rate during the fault</th><th>Share of a 30-day budget (%)</th></tr>\n");
        for (JsonNode sli : report.path("slis")) {
            html.append("<tr><td>").append(escape(sli.path("signal").asText())).append(" ").append(escape(sli.path("name").asText())).append("</td><td>")
                    .append(text(sli.path("objective"))).append("</td><td>").append(text(sli.path("baseline"))).append("</td><td>")
                    .append(text(sli.path("fault"))).append("</td><td>").append(text(sli.path("recovery"))).append("</td><td>")
                    .append(text(sli.path("badEvents"))).append("</td><td>").append(text(sli.path("burnRate"))).append("</td><td>")
                    .append(text(sli.path("monthlyBudgetSpentPercent"))).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Timelines</h2>\n");
        for (JsonNode sli : report.path("slis")) {
            html.append(timeline(report, sli));
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String timeline(JsonNode report, JsonNode sli) {
        String label = sli.path("signal").asText();
        boolean percent = sli.path("unit").asText().equals("percent");
        double end = report.path("phases").path("recovery").path("end").asDouble();
        double max = percent ? 100 : 1;
        for (JsonNode point : report.path("timeline")) {
            if (point.has(label)) {
                max = Math.max(max, point.path(label).asDouble());
            }
        }
        double span = Math.max(end, 0.001);
        double plotWidth = WIDTH - LEFT - 10;
        double plotHeight = HEIGHT - BOTTOM - 10;
        StringBuilder svg = new StringBuilder();
        svg.append("<h3>").append(escape(label)).append(" ").append(escape(sli.path("name").asText())).append("</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(escape(label)).append(" over time\">");
        for (JsonNode incident : report.path("incidents")) {
            double x0 = LEFT + incident.path("start").asDouble() / span * plotWidth;
            double x1 = LEFT + Math.min(incident.path("end").asDouble(), span) / span * plotWidth;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"10\" width=\"%.1f\" height=\"%.1f\" fill=\"#d32f2f\" fill-opacity=\"0.15\"><title>%s</title></rect>",
                    x0, Math.max(1, x1 - x0), plotHeight, escape(incident.path("name").asText())));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", LEFT, 10 + plotHeight, WIDTH - 10, 10 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\"/>", LEFT, LEFT, 10 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-size=\"11\">%s</text><text x=\"4\" y=\"%.1f\" font-size=\"11\">0</text>",
                format(max) + (percent ? "%" : ""), 10 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">0 s</text><text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s s</text>",
                LEFT, HEIGHT - 4, WIDTH - 10, HEIGHT - 4, format(end)));
        JsonNode objective = sli.path("objective");
        if (percent && objective.isTextual()) {
            String[] parts = objective.asText().split("\\s+");
            try {
                double target = Double.parseDouble(parts[parts.length - 1]) * 100;
                double y = 10 + plotHeight - target / max * plotHeight;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#1565c0\" stroke-dasharray=\"4 3\"><title>objective %s</title></line>",
                        LEFT, y, WIDTH - 10, y, escape(objective.asText())));
            } catch (NumberFormatException notPlain) {
                // No line for an objective that is not a plain number.
            }
        }
        StringBuilder points = new StringBuilder();
        for (JsonNode point : report.path("timeline")) {
            if (point.has(label)) {
                double x = LEFT + point.path("end").asDouble() / span * plotWidth;
                double y = 10 + plotHeight - point.path(label).asDouble() / max * plotHeight;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        svg.append("<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" points=\"").append(points.toString().trim()).append("\"/>");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "-" : escape(value.asText());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
