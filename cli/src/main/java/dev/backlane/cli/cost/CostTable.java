package dev.backlane.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** The cost report as the terminal shows it: per scope a table of components, the VPC totals, the what-ifs; the spikes. */
final class CostTable {
    private CostTable() {}

    static void print(PrintWriter out, JsonNode report) {
        String currency = report.path("currency").asText();
        out.println("Monthly cost (" + currency + ", " + report.path("hoursPerMonth").asInt() + " hours, prices of "
                + report.path("pricesAsOf").asText() + "); traffic " + report.path("traffic").asText());
        if (report.path("scopes").isEmpty()) {
            out.println("No endpoints or NAT gateways.");
        }
        for (JsonNode scope : report.path("scopes")) {
            out.println();
            String priced = scope.path("pricedAs").asText();
            out.println(scope.path("account").asText() + "/" + scope.path("region").asText()
                    + (priced.equals(scope.path("region").asText()) ? "" : " (priced as " + priced + ")") + ": " + scope.path("total").asText());
            out.printf("  %-24s %-31s %-23s %5s %10s %12s %10s %10s %9s%n", "ID", "KIND", "VPC", "ZONES", "HOURLY", "GB/MONTH", "DATA", "TOTAL",
                    "PER GB");
            for (JsonNode component : scope.path("components")) {
                out.printf("  %-24s %-31s %-23s %5d %10s %12s %10s %10s %9s%n", component.path("id").asText(), component.path("kind").asText(),
                        component.path("vpcId").asText(), component.path("zones").asInt(), component.path("hourly").asText(),
                        component.path("gbPerMonth").asText(), component.path("data").asText(), component.path("total").asText(),
                        component.path("costPerGb").asText("-"));
            }
            for (JsonNode vpc : scope.path("vpcs")) {
                out.println("  " + vpc.path("vpcId").asText() + " total " + vpc.path("total").asText());
            }
            for (JsonNode whatIf : scope.path("whatIfs")) {
                out.println("  what if: " + whatIf.path("description").asText() + " -> saves " + whatIf.path("monthlySaving").asText() + " a month");
            }
        }
        for (JsonNode account : report.path("accounts")) {
            out.println("account " + account.path("account").asText() + " total " + account.path("total").asText());
        }
        for (JsonNode anomaly : report.path("anomalies")) {
            out.println("cost spike (F5): " + anomaly.path("id").asText() + " carried " + anomaly.path("lastHourBytes").asText()
                    + " bytes in the last hour, over twice its baseline of " + anomaly.path("baselineBytes").asText());
        }
    }
}
