package dev.backlane.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlane.cli.common.AnalysisSource;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.cli.common.ScopeOptions;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.server.analysis.CostJson;
import dev.backlane.server.analysis.PathJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlane cost}: a month of the endpoints and NAT gateways, priced as AWS bills them, per component, VPC and
 * account, with M10 (cost per GB) and what-ifs; at the traffic a running Backlane observed (scaled to a month) or at
 * the traffic given with {@code --gb}/{@code --default-gb}, also on a snapshot.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Price a month of the VPC endpoints and NAT gateways (hourly and per GB, AWS's tiers), per endpoint, VPC and account, "
                + "with the cost per GB (M10), what-ifs (a gateway endpoint instead of a NAT gateway for S3/DynamoDB; one shared "
                + "interface endpoint instead of one per VPC) and cost spikes (F5).",
                "Traffic: what the running Backlane's data plane carried, scaled to a month; or as given with --gb and --default-gb."},
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the report was printed",
                "1:Backlane refused the request (a price list of the wrong shape, a bad traffic figure)",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class CostCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private AnalysisSource source = new AnalysisSource();

    @CommandLine.Mixin
    private ScopeOptions scope;

    @Option(names = "--gb", paramLabel = "ID=GB|ID:SERVICE=GB",
            description = "Assume GB per month through a component (vpce-..., nat-...), or through it to one service (e.g. nat-0abc:s3=500); repeatable.")
    private List<String> volumes = new ArrayList<>();

    @Option(names = "--default-gb", paramLabel = "GB", description = "Assume GB per month through every component not named by --gb.")
    private BigDecimal defaultGb;

    @Option(names = "--prices", paramLabel = "FILE", description = "Prices of your own (the shape of Backlane's prices.json) instead of the shipped list.")
    private Path prices;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        ObjectNode request = request();
        JsonNode report;
        if (source.isSnapshot()) {
            try {
                report = CostJson.cost(WorldIndex.of(source.snapshotWorld()), request, Instant.now(), Optional.empty(), List.of());
            } catch (IllegalArgumentException e) {
                throw CommandFailure.failed(e.getMessage());
            }
        } else {
            report = source.server().postJson("/_backlane/cost", request.toString().getBytes(StandardCharsets.UTF_8), "the cost report");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toString());
        } else {
            CostTable.print(out, report);
        }
        out.flush();
        return ExitCode.OK;
    }

    private ObjectNode request() {
        ObjectNode body = PathJson.mapper().createObjectNode();
        scope.applyTo(body);
        if (prices != null) {
            try {
                body.set("prices", PathJson.mapper().readTree(InputFile.readString(prices, "the price list")));
            } catch (IOException e) {
                throw CommandFailure.usage("the price list " + prices + " is not JSON: " + e.getMessage());
            }
        }
        if (defaultGb != null) {
            body.put("defaultGbPerMonth", defaultGb);
        }
        if (!volumes.isEmpty()) {
            ObjectNode given = body.putObject("gbPerMonth");
            for (String volume : volumes) {
                int equals = volume.lastIndexOf('=');
                BigDecimal gb = equals < 0 ? null : number(volume.substring(equals + 1));
                if (gb == null || equals == 0) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--gb takes ID=GB or ID:SERVICE=GB with GB a number of at least 0, not "
                            + volume);
                }
                String component = volume.substring(0, equals);
                int colon = component.indexOf(':');
                if (colon < 0) {
                    given.put(component, gb);
                } else {
                    JsonNode existing = given.get(component.substring(0, colon));
                    ObjectNode services = existing instanceof ObjectNode object ? object : given.putObject(component.substring(0, colon));
                    services.put(component.substring(colon + 1), gb);
                }
            }
        }
        return body;
    }

    private static BigDecimal number(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            return value.signum() < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
