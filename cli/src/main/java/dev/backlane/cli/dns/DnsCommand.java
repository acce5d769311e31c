package dev.backlane.cli.dns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.RunningServer;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code backlane dns}: a question put to a VPC's Amazon-provided resolver, answered by a running Backlane
 * with the code its DNS listener answers with; or, with {@code --listen}, the loopback port where that
 * listener answers {@code dig} and any other DNS client.
 */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = "Resolve NAME as the VPC's Amazon-provided resolver does, or (--listen) print the port where it answers DNS clients.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the name has records of the type (with --listen: the listener is open)",
                "1:NXDOMAIN, no records of the type, no answer (enableDnsSupport false), or no such VPC",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
public final class DnsCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--vpc", required = true, paramLabel = "VPC_ID", description = "The VPC whose view answers.")
    private String vpcId;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "A", description = "The record type asked for: A (default), AAAA, ANY, TXT...")
    private String type;

    @Option(names = "--listen", description = "Open the VPC's DNS listener (UDP and TCP on 127.0.0.1) and print its port instead of resolving.")
    private boolean listen;

    @Option(names = "--json", description = "Print Backlane's answer as JSON.")
    private boolean json;

    @CommandLine.Mixin
    private RunningServer runningServer;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The name to resolve (not with --listen).")
    private String name;

    @Override
    public Integer call() {
        if (listen == (name != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either NAME to resolve or --listen");
        }
        PrintWriter out = spec.commandLine().getOut();
        AdminClient server = runningServer.client();
        if (listen) {
            JsonNode listener = server.postJson("/_backlane/dns?vpc=" + encode(vpcId), new byte[0], "the DNS listener of " + vpcId);
            print(out, json ? listener.toString() : listener.path("vpcId").asText() + " " + listener.path("address").asText() + " "
                    + listener.path("port").asInt() + "   (dig @" + listener.path("address").asText() + " -p " + listener.path("port").asInt() + " NAME)");
            return ExitCode.OK;
        }
        JsonNode answer = server.getJson("/_backlane/dns/answer?vpc=" + encode(vpcId) + "&name=" + encode(name) + "&type=" + encode(type),
                "the question about " + name);
        if (json) {
            print(out, answer.toString());
        } else {
            StringBuilder text = new StringBuilder();
            for (JsonNode record : answer.path("answers")) {
                text.append(String.format("%s.\t%d\tIN\t%s\t%s%n", record.path("name").asText(), record.path("ttl").asInt(), record.path("type").asText(),
                        record.path(record.has("target") ? "target" : "address").asText()));
            }
            text.append(";; ").append(answer.path("rcode").isNull() ? "no answer" : answer.path("rcode").asText()).append(": ")
                    .append(answer.path("answeredBy").asText());
            print(out, text.toString());
        }
        return answer.path("answers").isEmpty() ? ExitCode.FAILED : ExitCode.OK;
    }

    private static void print(PrintWriter out, String text) {
        out.println(text);
        out.flush();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
