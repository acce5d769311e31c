package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.analysis.PathQuery;
import dev.backlane.core.analysis.PathQuery.PolicyQuestion;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.Protocol;
import dev.backlane.core.analysis.Verdict;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.core.traffic.RequestFacts.Authorization;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Judges one AWS call of a workload: the path engine's verdict for HTTPS from the workload's network interface to
 * the call's real AWS host name, with the endpoint policy (if the path crosses an endpoint) asked whether the caller
 * may perform the call's action on its resource. The data plane never decides a path itself, so what
 * {@code backlane explain} says and what traffic does cannot differ. A BLOCKED result whose last explanation is
 * {@code ENDPOINT_POLICY_DENIES} is the endpoint policy's 403, any other BLOCKED a dropped packet.
 *
 * <p>The call's request context: {@code aws:RequestedRegion} from the credential scope, and
 * {@code aws:SecureTransport} {@code true} — the client's leg to the gateway is plain HTTP only because it stays on
 * loopback; on AWS the same SDK call goes out over TLS, and policies that deny {@code aws:SecureTransport=false}
 * must not turn every gateway call into a denial. The service's condition keys the request carries
 * ({@link RequestFacts#conditionKeys()}, S3's {@code s3:prefix}...) are given too. A request whose action Backlane cannot tell (an operation no model
 * names) is judged on the network path alone.
 *
 * <p>A call that needs several authorizations ({@link RequestFacts#authorizations()}: a DynamoDB batch's tables, a
 * copy's source) is one question per authorization, in order; the first BLOCKED answer decides, as on AWS one denial
 * denies the call, and its explanations name the denied action and resource. The path engine stays the only decider.
 */
public final class TrafficJudge {
    /** AWS API endpoints answer HTTPS only. */
    public static final int HTTPS_PORT = 443;

    private final PathEngine engine;

    public TrafficJudge(PathEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * The path of the call. {@code callerAccount} is the account the request's credentials select: when it is the
     * workload principal's account, the call is made as that principal; otherwise the credentials are another
     * account's and the call is made as that account (its root), not as the workload's role.
     */
    public PathResult judge(WorldIndex world, Workload workload, RequestFacts facts, String callerAccount, Instant at) {
        return decide(world, workload, facts, callerAccount, at).path();
    }

    /**
     * The path of the call and the facts it was decided on: the call's own, or — when one of its further
     * authorizations was denied — the call narrowed to that authorization ({@link RequestFacts#onlyFor}), so that the
     * denial the service answers names the denied action and resource.
     */
    public Judgement decide(WorldIndex world, Workload workload, RequestFacts facts, String callerAccount, Instant at) {
        requireNonNull(world, "world is null");
        requireNonNull(workload, "workload is null");
        requireNonNull(facts, "facts is null");
        requireNonNull(callerAccount, "callerAccount is null");
        requireNonNull(at, "at is null");
        List<Authorization> authorizations = facts.authorizations();
        if (authorizations.size() <= 1) {
            return new Judgement(engine.explain(world, query(workload, facts, callerAccount), at), facts);
        }
        Judgement first = null;
        for (Authorization authorization : authorizations) {
            RequestFacts one = facts.onlyFor(authorization);
            PathResult path = engine.explain(world, query(workload, one, callerAccount), at);
            if (path.verdict() == Verdict.BLOCKED) {
                return new Judgement(path, one);
            }
            if (first == null) {
                first = new Judgement(path, facts);
            }
        }
        return first;
    }

    /** A call's path and the facts it was decided on (narrowed to the denied authorization when one was). */
    public record Judgement(PathResult path, RequestFacts decidedOn) {
        public Judgement {
            requireNonNull(path, "path is null");
            requireNonNull(decidedOn, "decidedOn is null");
        }
    }

    /**
     * The question the judge asks the path engine about the call's primary authorization, for the same answer from
     * {@code explain}.
     */
    public static PathQuery query(Workload workload, RequestFacts facts, String callerAccount) {
        PathQuery query = PathQuery.of(workload.networkInterfaceId(), facts.hostname(), Protocol.TCP, HTTPS_PORT).inScope(workload.scope());
        if (facts.action().isEmpty()) {
            return query;
        }
        PolicyQuestion question = PolicyQuestion.of(principalOf(workload, callerAccount), facts.action(), facts.resource())
                .withContext("aws:RequestedRegion", facts.region())
                .withContext("aws:SecureTransport", "true");
        for (Map.Entry<String, List<String>> key : facts.conditionKeys().entrySet()) {
            question = question.withContext(key.getKey(), key.getValue().toArray(String[]::new));
        }
        return query.withPolicy(question);
    }

    /** Who the call is made as: the workload's principal, or the root of the account whose credentials signed it. */
    public static String principalOf(Workload workload, String callerAccount) {
        String principal = workload.principalArn();
        String[] parts = principal.split(":", 6);
        String principalAccount = parts.length == 6 ? parts[4] : principal;
        return principalAccount.equals(callerAccount) ? principal : "arn:aws:iam::" + callerAccount + ":root";
    }
}
