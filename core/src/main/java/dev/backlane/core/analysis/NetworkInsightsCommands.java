package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.MatchedRule.AclRuleMatch;
import dev.backlane.core.analysis.MatchedRule.RouteMatch;
import dev.backlane.core.analysis.MatchedRule.SecurityGroupRuleMatch;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AnalysisExplanation;
import dev.backlane.core.model.AnalysisPathComponent;
import dev.backlane.core.model.NetworkInsightsAnalysis;
import dev.backlane.core.model.NetworkInsightsPath;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.world.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reachability Analyzer's paths and analyses. A path names its source (an instance or a network
 * interface: the sources the path engine starts from), its destination (a resource ID or an address),
 * protocol and port; starting an analysis runs the path engine on the world as it is and keeps the result.
 */
public final class NetworkInsightsCommands {
    private final PathEngine engine;

    public NetworkInsightsCommands(PathEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    public record CreatePath(String source, String sourceIp, String destination, String destinationIp, String protocol, Integer destinationPort) {}

    public NetworkInsightsPath createPath(Transaction transaction, CreatePath request) {
        requireSource(transaction, request.source());
        if (request.destination() == null && request.destinationIp() == null) {
            throw AwsException.of(ErrorCode.MISSING_PARAMETER, "The request must contain the parameter Destination or DestinationIp");
        }
        if (request.destination() != null) {
            requireDestination(transaction, request.destination());
        }
        if (request.destinationIp() != null && Ipv4Address.parse(request.destinationIp()).isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter DestinationIp is invalid", request.destinationIp());
        }
        if (request.sourceIp() != null && Ipv4Address.parse(request.sourceIp()).isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter SourceIp is invalid", request.sourceIp());
        }
        if (request.destinationPort() != null && (request.destinationPort() < 0 || request.destinationPort() > 65535)) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%d) for parameter DestinationPort is invalid", request.destinationPort());
        }
        Protocol.parse(request.protocol());
        NetworkInsightsPath path = new NetworkInsightsPath(transaction.newId(ResourceTypes.NETWORK_INSIGHTS_PATH), request.source(),
                request.sourceIp(), request.destination(), request.destinationIp(), request.protocol(), request.destinationPort(),
                transaction.now());
        return transaction.put(ResourceTypes.NETWORK_INSIGHTS_PATH, path);
    }

    /** Deletes the path and the analyses of it. */
    public String deletePath(Transaction transaction, String pathId) {
        ResourceTypes.NETWORK_INSIGHTS_PATH.requireWellFormed(pathId);
        transaction.get(ResourceTypes.NETWORK_INSIGHTS_PATH, pathId);
        List<String> analyses = transaction.all(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS).stream()
                .filter(analysis -> analysis.pathId().equals(pathId)).map(NetworkInsightsAnalysis::id).toList();
        analyses.forEach(id -> transaction.remove(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, id));
        transaction.remove(ResourceTypes.NETWORK_INSIGHTS_PATH, pathId);
        return pathId;
    }

    public String deleteAnalysis(Transaction transaction, String analysisId) {
        ResourceTypes.NETWORK_INSIGHTS_ANALYSIS.requireWellFormed(analysisId);
        transaction.get(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, analysisId);
        transaction.remove(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, analysisId);
        return analysisId;
    }

    /** Runs the path engine for the path now and keeps the analysis; a source gone since gives a failed analysis. */
    public NetworkInsightsAnalysis startAnalysis(Transaction transaction, String pathId) {
        ResourceTypes.NETWORK_INSIGHTS_PATH.requireWellFormed(pathId);
        NetworkInsightsPath path = transaction.get(ResourceTypes.NETWORK_INSIGHTS_PATH, pathId);
        String id = transaction.newId(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS);
        String destination = path.destination() != null ? path.destination() : path.destinationIp();
        PathQuery query = new PathQuery(Optional.of(transaction.scope()), path.source(), destination, Protocol.parse(path.protocol()),
                path.destinationPort() == null ? 0 : path.destinationPort(), Optional.empty());
        NetworkInsightsAnalysis analysis;
        try {
            PathResult result = engine.explain(engine.index(transaction.world()), query, transaction.now());
            analysis = new NetworkInsightsAnalysis(id, pathId, transaction.now(), "succeeded", null, result.reachable(),
                    components(result.forwardHops()), components(result.returnHops()), explanations(result));
        } catch (AwsException e) {
            analysis = new NetworkInsightsAnalysis(id, pathId, transaction.now(), "failed", e.getMessage(), false, List.of(), List.of(), List.of());
        }
        return transaction.put(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, analysis);
    }

    private static List<AnalysisPathComponent> components(List<Hop> hops) {
        List<AnalysisPathComponent> components = new ArrayList<>();
        int sequence = 1;
        for (Hop hop : hops) {
            MatchedRule rule = hop.rule().orElse(null);
            RouteMatch route = rule instanceof RouteMatch match ? match : null;
            SecurityGroupRuleMatch group = rule instanceof SecurityGroupRuleMatch match ? match : null;
            AclRuleMatch acl = rule instanceof AclRuleMatch match ? match : null;
            components.add(new AnalysisPathComponent(sequence++, hop.id(), hop.type().label(), hop.detail(),
                    route == null ? null : route.route(), route == null ? null : route.state(),
                    group == null ? null : group.groupId(), group == null ? null : group.rule(),
                    acl == null ? null : acl.networkAclId(), acl == null ? null : acl.entry()));
        }
        return components;
    }

    private static List<AnalysisExplanation> explanations(PathResult result) {
        return result.explanations().stream()
                .map(explanation -> new AnalysisExplanation(explanation.code().name(), explanation.component(), explanation.detail()))
                .toList();
    }

    private static void requireSource(Transaction transaction, String source) {
        if (source.startsWith("eni-")) {
            ResourceTypes.NETWORK_INTERFACE.requireWellFormed(source);
            transaction.get(ResourceTypes.NETWORK_INTERFACE, source);
        } else if (source.startsWith("i-")) {
            requireInstance(transaction, source);
        } else {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Source %s is not supported: Backlane analyses paths from instances (i-...) and network interfaces (eni-...)", source);
        }
    }

    private static void requireDestination(Transaction transaction, String destination) {
        if (destination.startsWith("eni-")) {
            ResourceTypes.NETWORK_INTERFACE.requireWellFormed(destination);
            transaction.get(ResourceTypes.NETWORK_INTERFACE, destination);
        } else if (destination.startsWith("i-")) {
            requireInstance(transaction, destination);
        } else if (destination.startsWith("vpce-")) {
            ResourceTypes.VPC_ENDPOINT.requireWellFormed(destination);
            transaction.get(ResourceTypes.VPC_ENDPOINT, destination);
        } else {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE,
                    "Destination %s is not supported: give an instance, a network interface, a VPC endpoint or DestinationIp", destination);
        }
    }

    private static void requireInstance(Transaction transaction, String instanceId) {
        boolean known = transaction.find(ResourceTypes.INSTANCE, instanceId).isPresent() || transaction.all(ResourceTypes.NETWORK_INTERFACE).stream()
                .anyMatch(eni -> eni.attachment() != null && instanceId.equals(eni.attachment().instanceId()));
        if (!known) {
            throw AwsException.of(ErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, "The instance ID '%s' does not exist", instanceId);
        }
    }
}
