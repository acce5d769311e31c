package dev.backlane.server.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.elb.TargetCommands;
import dev.backlane.core.event.EventStream;
import dev.backlane.core.event.TargetUnhealthyEvent;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.TargetHealthReason;
import dev.backlane.core.model.TargetHealthState;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep that terminates unhealthy targets' connections, on a world made through the ELBv2 API: a target that
 * turns unhealthy is published once, with its address and its group's load balancer, however many sweeps follow; healthy
 * again and unhealthy once more, it is published again.
 */
class UnhealthyTargetTerminationsTest {
    private static final String ELB = "elasticloadbalancing";

    private final TestApi api = new TestApi();
    private final EventStream events = new EventStream();
    private final List<TargetUnhealthyEvent> published = new ArrayList<>();

    @Test
    void eachTimeATargetTurnsUnhealthyItsConnectionsAreTerminatedOnce() {
        List<Subnet> subnets = new ArrayList<>(api.cloud().snapshot(api.scope()).scope(api.scope()).all(ResourceTypes.SUBNET));
        String loadBalancer = api.call(ELB, "CreateLoadBalancer", "Name", "net", "Type", "network", "Scheme", "internal", "Subnets.member.1",
                subnets.get(0).id()).assertOk().text("//LoadBalancers/member/LoadBalancerArn");
        String group = api.call(ELB, "CreateTargetGroup", "Name", "ips", "Protocol", "TCP", "Port", "80", "VpcId", subnets.get(0).vpcId(),
                "TargetType", "ip").assertOk().text("//TargetGroups/member/TargetGroupArn");
        api.call(ELB, "CreateListener", "LoadBalancerArn", loadBalancer, "Protocol", "TCP", "Port", "80", "DefaultActions.member.1.Type", "forward",
                "DefaultActions.member.1.TargetGroupArn", group).assertOk();
        String prefix = subnets.get(0).cidrBlock().substring(0, subnets.get(0).cidrBlock().lastIndexOf('.') + 1);
        String failing = prefix + "10";
        String healthy = prefix + "11";
        api.call(ELB, "RegisterTargets", "TargetGroupArn", group, "Targets.member.1.Id", failing, "Targets.member.2.Id", healthy).assertOk();
        record(group, healthy, TargetHealthState.HEALTHY);
        record(group, failing, TargetHealthState.UNHEALTHY);
        events.subscribe(TargetUnhealthyEvent.class, published::add);

        try (UnhealthyTargetTerminations terminations = new UnhealthyTargetTerminations(api.cloud(), events, Duration.ofHours(1))) {
            terminations.sweep();
            terminations.sweep();
            assertEquals(1, published.size(), "once for the time it turned unhealthy");
            TargetUnhealthyEvent event = published.get(0);
            assertEquals(failing, event.address());
            assertEquals(80, event.port());
            assertEquals(group, event.targetGroupArn());
            assertEquals(List.of(loadBalancer), event.loadBalancerArns());
            assertEquals(api.scope().account(), event.account());

            record(group, failing, TargetHealthState.HEALTHY);
            terminations.sweep();
            record(group, failing, TargetHealthState.UNHEALTHY);
            terminations.sweep();
            assertEquals(2, published.size(), "unhealthy again: its new connections are terminated too");
        }
    }

    private void record(String group, String address, TargetHealthState state) {
        TargetHealthReason reason = state == TargetHealthState.HEALTHY ? null : TargetHealthReason.FAILED_HEALTH_CHECKS;
        String description = state == TargetHealthState.HEALTHY ? null : "Health checks failed";
        api.cloud().write(api.scope(), transaction -> TargetCommands.recordHealth(transaction, group, address, 80, state, reason, description,
                transaction.now()));
    }
}
