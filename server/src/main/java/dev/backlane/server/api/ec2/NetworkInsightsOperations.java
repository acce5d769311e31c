package dev.backlane.server.api.ec2;

import dev.backlane.core.analysis.NetworkInsightsCommands;
import dev.backlane.core.model.NetworkInsightsAnalysis;
import dev.backlane.core.model.NetworkInsightsPath;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.Describer;
import dev.backlane.server.api.describe.FilterSet;
import dev.backlane.server.api.describe.Page;
import java.time.Instant;
import java.util.Map;

/**
 * Reachability Analyzer: CreateNetworkInsightsPath, DescribeNetworkInsightsPaths,
 * DeleteNetworkInsightsPath, StartNetworkInsightsAnalysis, DescribeNetworkInsightsAnalyses,
 * DeleteNetworkInsightsAnalysis. Analyses run at once and are {@code succeeded} when described.
 */
public final class NetworkInsightsOperations implements OperationFamily {
    private final NetworkInsightsCommands commands;

    public NetworkInsightsOperations(NetworkInsightsCommands commands) {
        this.commands = commands;
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("CreateNetworkInsightsPath", this::createPath)
                .ec2("DescribeNetworkInsightsPaths", this::describePaths)
                .ec2("DeleteNetworkInsightsPath", this::deletePath)
                .ec2("StartNetworkInsightsAnalysis", this::startAnalysis)
                .ec2("DescribeNetworkInsightsAnalyses", this::describeAnalyses)
                .ec2("DeleteNetworkInsightsAnalysis", this::deleteAnalysis);
    }

    static FilterSet<NetworkInsightsPath> pathFilters() {
        return FilterSet.<NetworkInsightsPath>builder()
                .add("destination", NetworkInsightsPath::destination)
                .add("destination-ip", NetworkInsightsPath::destinationIp)
                .add("destination-port", path -> path.destinationPort() == null ? null : path.destinationPort().toString())
                .add("protocol", NetworkInsightsPath::protocol)
                .add("source", NetworkInsightsPath::source)
                .add("source-ip", NetworkInsightsPath::sourceIp)
                .build();
    }

    static FilterSet<NetworkInsightsAnalysis> analysisFilters() {
        return FilterSet.<NetworkInsightsAnalysis>builder()
                .add("path-found", analysis -> Boolean.toString(analysis.networkPathFound()))
                .add("status", NetworkInsightsAnalysis::status)
                .build();
    }

    private Map<String, Object> createPath(Call call) {
        Input input = call.input();
        NetworkInsightsCommands.CreatePath request = new NetworkInsightsCommands.CreatePath(input.requiredString("Source", "Source"),
                input.string("SourceIp"), input.string("Destination"), input.string("DestinationIp"), input.requiredString("Protocol", "Protocol"),
                input.integer("DestinationPort"));
        return call.write(transaction -> {
            NetworkInsightsPath path = commands.createPath(transaction, request);
            TagInputs.applySpecifications(transaction, input, path.id(), ResourceTypes.NETWORK_INSIGHTS_PATH);
            return Output.of("NetworkInsightsPath", NetworkInsightsShapes.path(path, transaction.scope(), transaction.state()));
        });
    }

    private Map<String, Object> describePaths(Call call) {
        Page<NetworkInsightsPath> page = new Describer<>(ResourceTypes.NETWORK_INSIGHTS_PATH, "NetworkInsightsPathIds", "NetworkInsightsPathId",
                pathFilters()).describe(call);
        ScopeState state = call.read();
        return Output.create()
                .put("NetworkInsightsPaths", page.items().stream().map(path -> NetworkInsightsShapes.path(path, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> deletePath(Call call) {
        String pathId = call.input().requiredString("NetworkInsightsPathId", "NetworkInsightsPathId");
        return call.write(transaction -> Output.of("NetworkInsightsPathId", commands.deletePath(transaction, pathId)));
    }

    private Map<String, Object> startAnalysis(Call call) {
        Input input = call.input();
        String pathId = input.requiredString("NetworkInsightsPathId", "NetworkInsightsPathId");
        return call.write(transaction -> {
            NetworkInsightsAnalysis analysis = commands.startAnalysis(transaction, pathId);
            TagInputs.applySpecifications(transaction, input, analysis.id(), ResourceTypes.NETWORK_INSIGHTS_ANALYSIS);
            return Output.of("NetworkInsightsAnalysis", NetworkInsightsShapes.analysis(analysis, transaction.scope(), transaction.state()));
        });
    }

    private Map<String, Object> describeAnalyses(Call call) {
        Input input = call.input();
        String pathId = input.string("NetworkInsightsPathId");
        Instant from = instant(input.values().get("AnalysisStartTime"));
        Instant to = instant(input.values().get("AnalysisEndTime"));
        Page<NetworkInsightsAnalysis> page = new Describer<>(ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, "NetworkInsightsAnalysisIds",
                "NetworkInsightsAnalysisId", analysisFilters()).describe(call, analysis -> (pathId == null || analysis.pathId().equals(pathId))
                        && (from == null || !analysis.startDate().isBefore(from)) && (to == null || !analysis.startDate().isAfter(to)));
        ScopeState state = call.read();
        return Output.create()
                .put("NetworkInsightsAnalyses", page.items().stream()
                        .map(analysis -> NetworkInsightsShapes.analysis(analysis, call.scope(), state)).toList())
                .put("NextToken", page.nextToken())
                .build();
    }

    private Map<String, Object> deleteAnalysis(Call call) {
        String analysisId = call.input().requiredString("NetworkInsightsAnalysisId", "NetworkInsightsAnalysisId");
        return call.write(transaction -> Output.of("NetworkInsightsAnalysisId", commands.deleteAnalysis(transaction, analysisId)));
    }

    private static Instant instant(Object value) {
        return value instanceof Instant instant ? instant : null;
    }
}
