package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.event.TargetDeregisteredEvent;
import dev.backlane.core.event.TargetUnhealthyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeregisteredTunnelsTest {
    private static final String LOAD_BALANCER = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/p/1";

    private static PrivateLinkFlow flowTo(String serviceAccount, String address, int port) {
        return flowTo(serviceAccount, address, port, LOAD_BALANCER);
    }

    private static PrivateLinkFlow flowTo(String serviceAccount, String address, int port, String loadBalancer) {
        return new PrivateLinkFlow("222222222222", "us-east-1", "wl-1", "vpc-c", "subnet-c", "eni-c", "10.0.1.5", 50000, "vpce-1", "eni-e",
                "10.0.1.20", "use1-az1", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "vpce-svc-1", serviceAccount, 443,
                Optional.of(loadBalancer), Optional.of(address), OptionalInt.of(port));
    }

    @Test
    void theFlowsToTheDeregisteredTargetAreItsOwnOnly() {
        TargetDeregisteredEvent deregistered = new TargetDeregisteredEvent("111111111111", "us-east-1",
                "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/t/1", "vpc-p", "10.1.0.10", 8080, "10.1.0.10", Instant.EPOCH, true);
        assertTrue(DeregisteredTunnels.to(deregistered).test(flowTo("111111111111", "10.1.0.10", 8080)));
        assertFalse(DeregisteredTunnels.to(deregistered).test(flowTo("111111111111", "10.1.0.10", 8081)), "another port");
        assertFalse(DeregisteredTunnels.to(deregistered).test(flowTo("111111111111", "10.1.0.11", 8080)), "another target");
        assertFalse(DeregisteredTunnels.to(deregistered).test(flowTo("333333333333", "10.1.0.10", 8080)), "another provider's");
    }

    @Test
    void theFlowsToTheUnhealthyTargetAreThoseThroughItsGroupsLoadBalancers() {
        TargetUnhealthyEvent unhealthy = new TargetUnhealthyEvent("111111111111", "us-east-1",
                "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/t/1", "vpc-p", "10.1.0.10", 8080, "10.1.0.10",
                List.of(LOAD_BALANCER), Instant.EPOCH, Instant.EPOCH);
        assertTrue(UnhealthyTunnels.to(unhealthy).test(flowTo("111111111111", "10.1.0.10", 8080)));
        assertFalse(UnhealthyTunnels.to(unhealthy).test(flowTo("111111111111", "10.1.0.10", 8081)), "another port");
        assertFalse(UnhealthyTunnels.to(unhealthy).test(flowTo("333333333333", "10.1.0.10", 8080)), "another provider's");
        assertFalse(UnhealthyTunnels.to(unhealthy).test(flowTo("111111111111", "10.1.0.10", 8080, LOAD_BALANCER.replace("/p/1", "/q/2"))),
                "the same target behind a load balancer of another group");
    }
}
