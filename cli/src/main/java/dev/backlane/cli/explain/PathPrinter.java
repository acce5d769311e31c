package dev.backlane.cli.explain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Prints an explained path for people: the verdict, each hop with its deciding rule, then the explanations
 * and, through an endpoint to a provider's service, the targets a new connection may go to.
 */
final class PathPrinter {
    private PathPrinter() {}

    static void print(PrintWriter out, String from, String to, JsonNode result) {
        String via = result.path("via").isNull() ? "" : " via " + result.path("via").asText();
        out.println(result.path("verdict").asText() + via + "  " + from + " -> " + to);
        int number = 1;
        boolean returnShown = false;
        for (JsonNode hop : result.path("hops")) {
            if (hop.path("returnPath").asBoolean(false) && !returnShown) {
                out.println("  reply:");
                returnShown = true;
            }
            out.printf("  %2d. %-22s %-26s %s%n", number++, hop.path("type").asText(), hop.path("id").asText(), hop.path("detail").asText());
        }
        if (!result.path("explanations").isEmpty()) {
            out.println("  explanations:");
            for (JsonNode explanation : result.path("explanations")) {
                out.printf("    %-36s %-26s %s%n", explanation.path("code").asText(), explanation.path("component").asText(),
                        explanation.path("detail").asText());
            }
        }
        if (!result.path("targets").isEmpty()) {
            out.println("  targets:");
            for (JsonNode target : result.path("targets")) {
                out.printf("    %-26s %s:%d in %s, from %s%s%n", target.path("targetId").asText(), target.path("address").asText(),
                        target.path("port").asInt(), target.path("availabilityZone").asText(), target.path("loadBalancerAddress").asText(),
                        target.path("proxyProtocolV2").asBoolean(false) ? ", proxy protocol v2" : "");
            }
        }
    }
}
