package dev.backlane.server.traffic;

import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.GatewayDecider;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Opens each workload's gateway (a loopback port whose calls its decider judges) and closes it when the workload goes. */
public interface GatewayPorts extends AutoCloseable {
    InetSocketAddress open(Workload workload, GatewayDecider decider) throws IOException;

    void close(String workloadId);

    /** Closes every gateway still open. */
    @Override
    void close();
}
