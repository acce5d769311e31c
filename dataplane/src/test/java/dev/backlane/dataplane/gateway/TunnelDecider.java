package dev.backlane.dataplane.gateway;

import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.traffic.HttpRequestHead;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A decider for the tunnel tests: decides each tunnel with a function of the request, and records the requests. */
final class TunnelDecider implements GatewayDecider {
    static final PrivateLinkFlow FLOW = new PrivateLinkFlow("222222222222", "us-east-1", "w-1", "vpc-1", "subnet-1", "eni-1", "10.0.1.5", 50000,
            "vpce-0123456789abcdef0", "eni-2", "10.0.1.20", "use1-az1", "com.amazonaws.vpce.us-east-1.vpce-svc-1", "vpce-svc-1", "111111111111", 443,
            Optional.of("arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/p/1"), Optional.of("10.1.0.10"), OptionalInt.of(8080));

    private final Function<TunnelRequest, TunnelDecision> decide;
    final List<TunnelRequest> asked = new CopyOnWriteArrayList<>();

    TunnelDecider(Function<TunnelRequest, TunnelDecision> decide) {
        this.decide = decide;
    }

    static TunnelDecider to(TunnelTarget target, byte[] preamble) {
        return new TunnelDecider(request -> new TunnelDecision.Tunnel(target.address(), preamble, FLOW, ScriptedDecider.PRIVATE));
    }

    @Override
    public boolean needsBody(HttpRequestHead head) {
        return false;
    }

    @Override
    public GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body) {
        throw new AssertionError("the tunnel tests make no calls");
    }

    @Override
    public TunnelDecision decideTunnel(TunnelRequest request) {
        asked.add(request);
        return decide.apply(request);
    }
}
