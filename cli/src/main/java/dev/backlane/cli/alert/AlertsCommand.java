package dev.backlane.cli.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code backlane alerts}: the alerts a running Backlane has pending and firing on its SLIs, and where their notifications went. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Show the burn-rate and baseline alerts of a running Backlane: pending and firing, with their labels; the rules with "
                + "--rules; the webhooks' delivery counts."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the alerts were printed (and, with --fail-on-firing, none fires)", "1:--fail-on-firing and an alert fires",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class AlertsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--fail-on-firing", description = "Exit 1 when an alert fires.")
    private boolean failOnFiring;

    @Option(names = "--rules", description = "Also list the rules.")
    private boolean rules;

    @Option(names = "--json", description = "Print the answer of /_backlane/alerts as JSON.")
    private boolean json;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Override
    public Integer call() {
        AdminClient server = runningServer.client();
        JsonNode answer = server.getJson("/_backlane/alerts", "the alerts");
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.toString());
        } else {
            print(out, answer);
        }
        out.flush();
        return failOnFiring && answer.path("firing").asLong() > 0 ? ExitCode.FAILED : ExitCode.OK;
    }

    private void print(PrintWriter out, JsonNode answer) {
        out.printf("%d firing, %d pending at %s (rules evaluated every %s)%n", answer.path("firing").asLong(), answer.path("pending").asLong(),
                answer.path("at").asText(), answer.path("evaluationInterval").asText());
        for (JsonNode alert : answer.path("alerts")) {
            out.printf("  %-8s %-7s %-32s %-24s since %s%n", alert.path("state").asText(), alert.path("severity").asText(), alert.path("alert").asText(),
                    alert.path("labels").path("endpoint").asText("-"), alert.path("since").asText());
            out.printf("           %s%n", labels(alert.path("labels")));
            out.printf("           %s%n", alert.path("annotations").path("description").asText());
        }
        for (JsonNode alert : answer.path("resolved")) {
            out.printf("  resolved %-7s %-32s %-24s at %s%n", alert.path("severity").asText(), alert.path("alert").asText(),
                    alert.path("labels").path("endpoint").asText("-"), alert.path("resolvedAt").asText());
        }
        if (rules) {
            out.println("Rules:");
            for (JsonNode rule : answer.path("rules")) {
                String condition = rule.has("burnRate")
                        ? "burn rate > " + rule.path("burnRate").asText() + "x over " + rule.path("longWindow").asText() + " and " + rule.path("shortWindow").asText()
                        : "level > " + rule.path("overBaseline").asText() + "x its " + rule.path("baseline").asText() + " baseline over " + rule.path("window").asText();
                out.printf("  %-7s %-32s %-4s %s for %s%n", rule.path("severity").asText(), rule.path("alert").asText(), rule.path("indicator").asText(),
                        condition, rule.path("for").asText());
            }
        }
        for (JsonNode webhook : answer.path("delivery").path("webhooks")) {
            out.printf("Webhook %s: %d delivered, %d waiting, %d failed attempts, %d dropped (queue full), %d abandoned%s%n", webhook.path("url").asText(),
                    webhook.path("delivered").asLong(), webhook.path("waiting").asLong(), webhook.path("failedAttempts").asLong(),
                    webhook.path("dropped").asLong(), webhook.path("abandoned").asLong(),
                    webhook.path("lastError").isNull() ? "" : "; last error: " + webhook.path("lastError").asText());
        }
    }

    private static String labels(JsonNode labels) {
        Map<String, String> pairs = new java.util.TreeMap<>();
        labels.fields().forEachRemaining(entry -> pairs.put(entry.getKey(), entry.getValue().asText()));
        return pairs.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
    }
}
