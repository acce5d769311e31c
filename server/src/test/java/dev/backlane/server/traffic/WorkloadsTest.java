package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.Vpc;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.NetworkInterfaceCommands;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.SubnetCommands;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.WorkloadPlacement;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.dataplane.gateway.GatewayConfig;
import dev.backlane.dataplane.gateway.GatewayDecider;
import dev.backlane.dataplane.gateway.GatewayDecision;
import dev.backlane.dataplane.gateway.Gateways;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    private static final Scope SCOPE = new Scope("111122223333", "us-east-1");
    /** Answers every call itself: what a gateway is told does not matter here, only that each workload has one. */
    private static final GatewayDecider ANSWERS = new GatewayDecider() {
        @Override
        public boolean needsBody(HttpRequestHead head) {
            return false;
        }

        @Override
        public GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body) {
            return new GatewayDecision.Respond(200, Map.of(), new byte[0], null, null);
        }
    };

    private final Quotas quotas = Quotas.awsDefaults();
    private final VpcCommands vpcs = new VpcCommands(quotas);
    private final Cloud cloud = new Cloud(World.empty(), InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z")), IdSource.sequential(),
            new DefaultVpcInitializer(RegionCatalog.standard(), vpcs), ChangeSink.none());
    private final Gateways gateways = new Gateways(GatewayConfig.defaults(new EventStream(), cloud::now));
    private final Workloads workloads = new Workloads(cloud, new WorkloadPlacement(new NetworkInterfaceCommands(quotas)), gateways,
            workload -> ANSWERS);
    private final Subnet subnet = cloud.write(SCOPE, transaction -> {
        Vpc vpc = vpcs.create(transaction, new VpcCommands.CreateVpc("10.0.0.0/16", false, null));
        return new SubnetCommands(quotas, RegionCatalog.standard()).create(transaction,
                new SubnetCommands.CreateSubnet(vpc.id(), "10.0.1.0/24", null, "us-east-1a", null));
    });

    @AfterEach
    void close() {
        workloads.close();
    }

    private Workloads.Placed adHoc() {
        return workloads.create(SCOPE, new WorkloadPlacement.Request(Optional.empty(), Optional.of(subnet.id()), List.of(), Optional.empty(),
                Optional.empty()));
    }

    private boolean hasInterface(Workloads.Placed placed) {
        return cloud.snapshot().scope(SCOPE).find(ResourceTypes.NETWORK_INTERFACE, placed.workload().networkInterfaceId()).isPresent();
    }

    private static boolean listens(Workloads.Placed placed) {
        try (Socket socket = new Socket(placed.gateway().getAddress(), placed.gateway().getPort())) {
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the peer ended the connection: an orderly close, or a reset when the close races the kernel's accept. */
    private static boolean closedByPeer(Socket client) throws IOException {
        try {
            return client.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    @Test
    void eachWorkloadHasAGatewayOfItsOwnUntilItIsDeleted() throws IOException {
        Workloads.Placed first = adHoc();
        Workloads.Placed second = adHoc();

        assertTrue(first.gateway().getAddress().isLoopbackAddress());
        assertTrue(first.gateway().getPort() != second.gateway().getPort());
        assertEquals(List.of(first, second), workloads.list());
        assertEquals(Optional.of(second), workloads.find(second.workload().id()));
        assertTrue(listens(first) && listens(second));

        try (Socket client = new Socket(first.gateway().getAddress(), first.gateway().getPort())) {
            client.setSoTimeout(5_000);
            assertEquals(Optional.of(first), workloads.delete(first.workload().id()));
            assertTrue(closedByPeer(client), "its gateway closed, with the connections to it");
        }
        assertTrue(!hasInterface(first), "its interface deleted");
        // Not "nothing listens on the port": other tests may be given the freed port at once.
        assertEquals(Optional.empty(), gateways.address(first.workload().id()));
        assertTrue(listens(second) && hasInterface(second), "the other workload is untouched");
        assertEquals(Optional.empty(), workloads.delete(first.workload().id()));
    }

    @Test
    void aRefusedPlacementOpensNoGatewayAndClosingRemovesEveryAdHocInterface() {
        AwsException refused = assertThrows(AwsException.class, () -> workloads.create(SCOPE, new WorkloadPlacement.Request(Optional.empty(),
                Optional.of("subnet-0123456789abcdef0"), List.of(), Optional.empty(), Optional.empty())));
        assertEquals(ErrorCode.INVALID_SUBNET_ID_NOT_FOUND, refused.code());
        assertEquals(Map.of(), gateways.addresses());

        Workloads.Placed placed = adHoc();
        workloads.close();
        assertTrue(!hasInterface(placed), "workloads do not outlive the server: a restart forgets them");
        assertEquals(Map.of(), gateways.addresses());
        assertEquals(List.of(), workloads.list());
    }
}
