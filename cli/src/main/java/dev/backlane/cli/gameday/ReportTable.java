package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** The game-day report for a terminal: hypotheses, incidents (detection, recovery) and the SLIs per phase. */
final class ReportTable {
    private ReportTable() {}

    static void print(PrintWriter out, JsonNode report) {
        out.printf("Game day %s: %s%n", report.path("scenario").asText(), report.path("result").asText().equals("held")
                ? "every hypothesis held" : "a hypothesis did not hold");
        JsonNode phases = report.path("phases");
        out.printf("  baseline %ss-%ss, fault %ss-%ss, recovery %ss-%ss (time scale %s)%n", phases.path("baseline").path("start").asText(),
                phases.path("baseline").path("end").asText(), phases.path("fault").path("start").asText(), phases.path("fault").path("end").asText(),
                phases.path("recovery").path("start").asText(), phases.path("recovery").path("end").asText(), report.path("timeScale").asText());
        out.println();
        out.printf("%-36s %-9s %10s  %s%n", "HYPOTHESIS", "DURING", "VALUE", "RESULT");
        for (JsonNode hypothesis : report.path("hypotheses")) {
            out.printf("%-36s %-9s %10s  %s%n", hypothesis.path("expect").asText(), hypothesis.path("during").asText(),
                    text(hypothesis.path("value")), hypothesis.path("status").asText().toUpperCase(java.util.Locale.ROOT));
        }
        out.println();
        out.printf("%-16s %-10s %-16s %10s %-10s %10s  %s%n", "INCIDENT", "AT", "DETECTED BY", "DETECT(s)", "RECOVERED", "RECOVER(s)", "WHAT");
        for (JsonNode incident : report.path("incidents")) {
            out.printf("%-16s %-10s %-16s %10s %-10s %10s  %s%n", incident.path("name").asText(),
                    incident.path("start").asText() + "-" + incident.path("end").asText(), text(incident.path("detectedBy")),
                    text(incident.path("timeToDetectSeconds")), text(incident.path("recovered")), text(incident.path("timeToRecoverSeconds")),
                    incident.path("what").asText());
        }
        out.println();
        out.printf("%-20s %-12s %10s %10s %10s %10s %12s%n", "SIGNAL", "OBJECTIVE", "BASELINE", "FAULT", "RECOVERY", "BURN RATE", "30d BUDGET %");
        for (JsonNode sli : report.path("slis")) {
            out.printf("%-20s %-12s %10s %10s %10s %10s %12s%n", sli.path("signal").asText(), text(sli.path("objective")), text(sli.path("baseline")),
                    text(sli.path("fault")), text(sli.path("recovery")), text(sli.path("burnRate")), text(sli.path("monthlyBudgetSpentPercent")));
        }
        JsonNode traffic = report.path("traffic");
        out.printf("%nTraffic: %d calls, %d succeeded; %d attempts, %d throttled, %d unanswered%n", traffic.path("calls").asLong(),
                traffic.path("succeeded").asLong(), traffic.path("attempts").asLong(), traffic.path("throttled").asLong(), traffic.path("unanswered").asLong());
        for (JsonNode left : report.path("leftBehind")) {
            out.println("Left behind: " + left.asText());
        }
        out.flush();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }
}
