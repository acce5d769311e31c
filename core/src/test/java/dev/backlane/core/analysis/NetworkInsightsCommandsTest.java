package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.NetworkInsightsAnalysis;
import dev.backlane.core.model.NetworkInsightsPath;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reachability Analyzer's paths and analyses in core, without the wire: what a path must name, what an
 * analysis keeps, and that deleting a path takes its analyses with it.
 */
class NetworkInsightsCommandsTest {
    private static final Scope SCOPE = new Scope("111111111111", "eu-west-1");
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final Cloud cloud = new Cloud(World.empty(), () -> NOW, IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(Quotas.awsDefaults())), ChangeSink.none());
    private final NetworkInterfaceCommands interfaces = new NetworkInterfaceCommands(Quotas.awsDefaults());
    private final NetworkInsightsCommands commands = new NetworkInsightsCommands(new PathEngine(() -> NOW));
    private final NetworkInterface client = networkInterface("client");
    private final NetworkInterface server = networkInterface("server");

    @Test
    void aPathIsKeptAsAskedFor() {
        NetworkInsightsPath path = createPath(client.id(), server.id(), null, 443);

        NetworkInsightsPath stored = cloud.snapshot(SCOPE).find(SCOPE, ResourceTypes.NETWORK_INSIGHTS_PATH, path.id()).orElseThrow();
        assertEquals(client.id(), stored.source());
        assertEquals(server.id(), stored.destination());
        assertEquals("tcp", stored.protocol());
        assertEquals(443, stored.destinationPort());
        assertTrue(path.id().startsWith("nip-"), path.id());
    }

    @Test
    void aPathNeedsADestinationAndValidAddressesAndPort() {
        assertEquals(ErrorCode.MISSING_PARAMETER, refused(client.id(), null, null, 443).code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, refused(client.id(), null, "10.0.0.300", 443).code());
        AwsException port = refused(client.id(), server.id(), null, 65536);
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, port.code());
        assertEquals("Value (65536) for parameter DestinationPort is invalid", port.getMessage());
        assertEquals(List.of(), List.copyOf(cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.NETWORK_INSIGHTS_PATH)));
    }

    @Test
    void theSourceAndDestinationMustExist() {
        AwsException source = refused("eni-0123456789abcdef0", server.id(), null, 443);
        AwsException destination = refused(client.id(), "eni-0123456789abcdef0", null, 443);
        AwsException unsupported = refused("igw-0123456789abcdef0", server.id(), null, 443);

        assertEquals(ErrorCode.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND, source.code());
        assertEquals("The networkInterface ID 'eni-0123456789abcdef0' does not exist", source.getMessage());
        assertEquals(ErrorCode.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND, destination.code());
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE, unsupported.code());
    }

    @Test
    void anAnalysisRunsThePathEngineAndKeepsItsHops() {
        NetworkInsightsPath path = createPath(client.id(), server.id(), null, 443);

        NetworkInsightsAnalysis analysis = cloud.write(SCOPE, transaction -> commands.startAnalysis(transaction, path.id()));

        assertEquals("succeeded", analysis.status());
        assertEquals(path.id(), analysis.pathId());
        assertEquals(NOW, analysis.startDate());
        assertTrue(analysis.networkPathFound(), analysis.toString());
        assertEquals(client.id(), analysis.forwardPathComponents().get(0).componentId());
        assertEquals(1, analysis.forwardPathComponents().get(0).sequenceNumber());
        assertEquals(analysis, cloud.snapshot(SCOPE).find(SCOPE, ResourceTypes.NETWORK_INSIGHTS_ANALYSIS, analysis.id()).orElseThrow());
    }

    @Test
    void anAnalysisOfAPathWhoseSourceIsGoneFails() {
        NetworkInsightsPath path = createPath(client.id(), server.id(), null, 443);
        cloud.write(SCOPE, transaction -> {
            interfaces.delete(transaction, client.id());
            return null;
        });

        NetworkInsightsAnalysis analysis = cloud.write(SCOPE, transaction -> commands.startAnalysis(transaction, path.id()));

        assertEquals("failed", analysis.status());
        assertFalse(analysis.networkPathFound());
        assertTrue(analysis.statusMessage().contains(client.id()), analysis.statusMessage());
    }

    @Test
    void deletingAPathDeletesItsAnalyses() {
        NetworkInsightsPath path = createPath(client.id(), server.id(), null, 443);
        NetworkInsightsAnalysis analysis = cloud.write(SCOPE, transaction -> commands.startAnalysis(transaction, path.id()));

        cloud.write(SCOPE, transaction -> commands.deletePath(transaction, path.id()));

        assertEquals(List.of(), List.copyOf(cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.NETWORK_INSIGHTS_ANALYSIS)));
        AwsException again = assertThrows(AwsException.class, () -> cloud.write(SCOPE, transaction -> commands.deleteAnalysis(transaction,
                analysis.id())));
        assertEquals(ErrorCode.INVALID_NETWORK_INSIGHTS_ANALYSIS_ID_NOT_FOUND, again.code());
        assertEquals(ErrorCode.INVALID_NETWORK_INSIGHTS_PATH_ID_MALFORMED, assertThrows(AwsException.class,
                () -> cloud.write(SCOPE, transaction -> commands.startAnalysis(transaction, "path-1"))).code());
    }

    private NetworkInsightsPath createPath(String source, String destination, String destinationIp, Integer port) {
        return cloud.write(SCOPE, transaction -> commands.createPath(transaction,
                new NetworkInsightsCommands.CreatePath(source, null, destination, destinationIp, "tcp", port)));
    }

    private AwsException refused(String source, String destination, String destinationIp, Integer port) {
        return assertThrows(AwsException.class, () -> createPath(source, destination, destinationIp, port));
    }

    private NetworkInterface networkInterface(String description) {
        Subnet subnet = cloud.snapshot(SCOPE).all(SCOPE, ResourceTypes.SUBNET).stream().min(java.util.Comparator.comparing(Subnet::id)).orElseThrow();
        return cloud.write(SCOPE, transaction -> interfaces.create(transaction, new NetworkInterfaceCommands.CreateNetworkInterface(subnet.id(),
                description, null, List.of(), 0, List.of(), 0, List.of(), null, null)));
    }
}
