package dev.backlane.dataplane.gateway;

import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestFacts;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/** A decider for the tests: decides with a function of the head, and records every head and body it was asked about. */
final class ScriptedDecider implements GatewayDecider {
    static final RequestFacts FACTS = new RequestFacts("s3", "us-east-1", Optional.of("AKIDEXAMPLE"), "s3.us-east-1.amazonaws.com", "GetObject",
            "s3:GetObject", "arn:aws:s3:::bucket/key");
    static final PathResult PRIVATE = new PathResult(Verdict.PRIVATE, Optional.of("vpce-0123456789abcdef0"), List.of(), List.of(), List.of(),
            Optional.of(new PathResult.Destination("10.0.1.20", 443, Optional.of("eni-0123456789abcdef0"))));
    static final PathResult BLOCKED = new PathResult(Verdict.BLOCKED, Optional.empty(), List.of(),
            List.of(new Explanation(ExplanationCode.AVAILABILITY_ZONE_CROSSED, "vpce-0123456789abcdef0", "crosses zones"),
                    new Explanation(ExplanationCode.ENI_SG_RULES_MISMATCH, "sg-0123456789abcdef0", "No rule of sg-0123456789abcdef0 allows TCP 443.")));

    record Asked(HttpRequestHead head, Optional<byte[]> body) {
    }

    private final Predicate<HttpRequestHead> needsBody;
    private final Function<Asked, GatewayDecision> decide;
    final List<Asked> asked = new CopyOnWriteArrayList<>();

    ScriptedDecider(Predicate<HttpRequestHead> needsBody, Function<Asked, GatewayDecision> decide) {
        this.needsBody = needsBody;
        this.decide = decide;
    }

    static ScriptedDecider forwardingTo(URI upstream) {
        return new ScriptedDecider(head -> false, asked -> new GatewayDecision.Forward(upstream, FACTS, PRIVATE));
    }

    static ScriptedDecider blocking() {
        return new ScriptedDecider(head -> false, asked -> new GatewayDecision.Block(FACTS, BLOCKED));
    }

    @Override
    public boolean needsBody(HttpRequestHead head) {
        return needsBody.test(head);
    }

    @Override
    public GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body) {
        Asked question = new Asked(head, body);
        asked.add(question);
        return decide.apply(question);
    }
}
