package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathQuery.PolicyQuestion;
import dev.backlane.core.analysis.Explanation;
import dev.backlane.core.analysis.ExplanationCode;
import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.analysis.ServiceTarget;
import dev.backlane.core.event.PrivateLinkFlow;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.EndpointPolicyDenial;
import dev.backlane.core.traffic.FlowHash;
import dev.backlane.core.traffic.PrivateLinkEndpoint;
import dev.backlane.core.traffic.ProxyProtocolV2;
import dev.backlane.core.traffic.RequestFacts;
import dev.backlane.core.traffic.TrafficJudge;
import dev.backlane.core.traffic.TunnelJudge;
import dev.backlane.core.traffic.Workload;
import dev.backlane.dataplane.gateway.ConnectionTraffic;
import dev.backlane.dataplane.gateway.GatewayDecider;
import dev.backlane.dataplane.gateway.GatewayDecision;
import dev.backlane.dataplane.gateway.TunnelDecision;
import dev.backlane.dataplane.gateway.TunnelDecision.Refusal;
import dev.backlane.dataplane.gateway.TunnelRequest;
import dev.backlane.server.protocol.ErrorAnswer;
import dev.backlane.server.protocol.ServiceProtocols;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Judges the calls of one workload: what the request is (its {@link Classifier}), then the path from the
 * workload's interface to the service's real hostname, with the endpoint policy weighed ({@link Judge}). A path
 * PRIVATE or PUBLIC is forwarded to the service's upstream (Backlane's own API port for the services it serves);
 * one an endpoint policy denies is answered 403 {@code AccessDenied} in the service's own protocol; any other
 * BLOCKED path is dropped as the gateway's {@code --blocked-traffic} mode says. A request that cannot be classified
 * gets the classifier's error, and a service without an upstream an error naming the {@code --upstream} flag.
 *
 * <p>A TCP tunnel (HTTP CONNECT, SOCKS5) is judged by the {@link ConnectionJudge}: TCP from the workload's interface
 * to the host and port. Through an interface endpoint of a provider's endpoint service (PrivateLink), a reachable
 * path names the targets the load balancer may pick; one is chosen by the flow's hash, as an NLB does, and the
 * connection goes to the socket {@link TargetSockets} maps it to, after a Proxy Protocol v2 header when the target
 * group asks for one. A BLOCKED path is a dropped SYN (the gateway's {@code --blocked-traffic} mode); a name that does
 * not resolve, a target with no process behind it, or a destination that is not an endpoint service is refused at
 * once. Tunnels to AWS services' own hostnames are not carried: their TLS hides the call the endpoint policy would
 * judge, so such calls go through the gateway over HTTP.
 */
public final class WorkloadDecider implements GatewayDecider {
    /** What a request is, from its head and (when {@link #needsBody} says) its body; throws {@link AwsException} when it cannot tell. */
    public interface Classifier {
        boolean needsBody(HttpRequestHead head);

        /** {@code account} is the caller's: resources named without an account are ARNs in it. */
        RequestFacts classify(HttpRequestHead head, Optional<byte[]> body, String account);
    }

    /** The path of a workload's call on the current state of the world, with the endpoint policy evaluated ({@link TrafficJudge}). */
    public interface Judge {
        /**
         * {@code callerAccount} is the account the request's credentials select. The judgement's facts are those the
         * path was decided on: narrowed to the denied authorization when a call that needs several was denied.
         */
        TrafficJudge.Judgement judge(Workload workload, RequestFacts facts, String callerAccount);

    }

    /** The path of a workload's TCP connection on the current state of the world ({@link TunnelJudge}). */
    public interface ConnectionJudge {
        TunnelJudge.Judgement judge(Workload workload, String host, int port);
    }

    /**
     * The injected faults a workload's gateway carries out itself: whether one throttles a call its path lets through
     * (F7; the error to answer instead, in the service's words), and which act on the bytes of a connection (toxics,
     * F7's added latency, F6).
     */
    public interface InjectedFaults {
        /** No call is throttled, no connection touched. */
        InjectedFaults NONE = (workload, facts, path, callerAccount) -> Optional.empty();

        Optional<AwsException> throttle(Workload workload, RequestFacts facts, PathResult path, String callerAccount);

        /** The active faults acting on the bytes of the workload's connection carrying this traffic. */
        default List<Fault> connectionFaults(Workload workload, ConnectionTraffic traffic) {
            return List.of();
        }
    }

    /**
     * The header a gateway adds to the calls it forwards to Backlane's own API port: the gateway has asked the faults
     * about the call (as the workload's principal), so the API port does not ask again. Its value is
     * {@link #GATEWAY_MARK}, so a client that sets the header itself still has its calls asked about.
     */
    public static final String GATEWAY_HEADER = "x-backlane-gateway-workload";
    /** A secret of this process, the value of {@link #GATEWAY_HEADER}: only the process's own gateways know it. */
    public static final String GATEWAY_MARK = mark();

    private final Workload workload;
    private final Classifier classifier;
    private final Judge judge;
    private final Upstreams upstreams;
    private final URI inProcess;
    private final ServiceProtocols protocols;
    private final String defaultAccount;
    private final String principalAccount;
    private final ConnectionJudge connections;
    private final TargetSockets targetSockets;
    private final InjectedFaults faults;

    /** {@code defaultAccount} is the account of access keys that are not 12 digits, as on Backlane's API port. */
    public WorkloadDecider(Workload workload, Classifier classifier, Judge judge, Upstreams upstreams, URI inProcess, ServiceProtocols protocols,
            String defaultAccount, ConnectionJudge connections, TargetSockets targetSockets) {
        this(workload, classifier, judge, upstreams, inProcess, protocols, defaultAccount, connections, targetSockets, InjectedFaults.NONE);
    }

    /** A decider that also asks {@code faults} about each call the path lets through and each connection's traffic. */
    public WorkloadDecider(Workload workload, Classifier classifier, Judge judge, Upstreams upstreams, URI inProcess, ServiceProtocols protocols,
            String defaultAccount, ConnectionJudge connections, TargetSockets targetSockets, InjectedFaults faults) {
        this.workload = requireNonNull(workload, "workload is null");
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.judge = requireNonNull(judge, "judge is null");
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.inProcess = requireNonNull(inProcess, "inProcess is null");
        this.protocols = requireNonNull(protocols, "protocols is null");
        this.defaultAccount = requireNonNull(defaultAccount, "defaultAccount is null");
        this.principalAccount = accountOf(workload);
        this.connections = requireNonNull(connections, "connections is null");
        this.targetSockets = requireNonNull(targetSockets, "targetSockets is null");
        this.faults = requireNonNull(faults, "faults is null");
    }

    /** As on Backlane's API port: a 12-digit access key ID selects that account, any other the default one. */
    private String accountOfKey(String accessKeyId) {
        return accessKeyId.matches("\\d{12}") ? accessKeyId : defaultAccount;
    }

    /** The account of the workload's principal ({@code arn:aws:iam::ACCOUNT:...}): its calls are made in it. */
    public static String accountOf(Workload workload) {
        String[] parts = workload.principalArn().split(":", 6);
        return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : workload.scope().account();
    }

    @Override
    public List<Fault> connectionFaults(ConnectionTraffic traffic) {
        return faults.connectionFaults(workload, traffic);
    }

    @Override
    public boolean needsBody(HttpRequestHead head) {
        return classifier.needsBody(head);
    }

    @Override
    public GatewayDecision decide(HttpRequestHead head, Optional<byte[]> body) {
        RequestFacts facts;
        String callerAccount;
        try {
            facts = classifier.classify(head, body, principalAccount);
            callerAccount = facts.accessKeyId().map(this::accountOfKey).orElse(principalAccount);
            if (!callerAccount.equals(principalAccount)) {
                // Resources named without an account are the caller's: classify again in the account the key selects.
                facts = classifier.classify(head, body, callerAccount);
            }
        } catch (AwsException e) {
            return respond(head, Optional.empty(), e, null, null);
        }
        TrafficJudge.Judgement judgement = judge.judge(workload, facts, callerAccount);
        return decide(head, facts, judgement.decidedOn(), judgement.path(), callerAccount);
    }

    /** {@code decidedOn}: the facts the denial names (the denied authorization); {@code facts}: the call's, for the record. */
    private GatewayDecision decide(HttpRequestHead head, RequestFacts facts, RequestFacts decidedOn, PathResult path, String callerAccount) {
        return switch (path.verdict()) {
            case PRIVATE, PUBLIC -> faults.throttle(workload, facts, path, callerAccount)
                    .map(throttled -> respond(head, Optional.of(facts.service()), throttled, facts, path))
                    .or(() -> upstream(facts.service()).map(upstream -> upstream == inProcess
                            // The API port need not ask the faults again about a call its gateway has asked about.
                            ? new GatewayDecision.Forward(upstream, facts, path, Map.of(GATEWAY_HEADER, GATEWAY_MARK))
                            : new GatewayDecision.Forward(upstream, facts, path)))
                    .orElseGet(() -> respond(head, Optional.of(facts.service()), noUpstream(facts.service()), facts, path));
            case BLOCKED -> EndpointPolicyDenial.of(decidedOn, principal(decidedOn, callerAccount), path)
                    .map(denial -> respond(head, Optional.of(facts.service()), denial, facts, path))
                    .orElseGet(() -> new GatewayDecision.Block(facts, path));
        };
    }

    @Override
    public TunnelDecision decideTunnel(TunnelRequest request) {
        TunnelJudge.Judgement judgement = connections.judge(workload, request.host(), request.port());
        PathResult path = judgement.path();
        Optional<PrivateLinkEndpoint> endpoint = judgement.privateLink();
        Optional<PrivateLinkFlow> flow = endpoint.map(side -> flow(side, request, Optional.empty()));
        return switch (path.verdict()) {
            case BLOCKED -> unresolved(path)
                    .<TunnelDecision>map(why -> new TunnelDecision.Refuse(Refusal.HOST_UNREACHABLE, request.host() + " does not resolve in the workload's VPC: "
                            + why.detail(), flow, Optional.of(path)))
                    .orElseGet(() -> new TunnelDecision.Block(flow, path));
            case PRIVATE, PUBLIC -> endpoint
                    .map(side -> toTarget(request, side, path))
                    .orElseGet(() -> new TunnelDecision.Refuse(Refusal.NOT_SUPPORTED, "the path to " + request.authority() + " is "
                            + path.verdict().name() + path.via().map(via -> " through " + via).orElse("")
                            + ", but the gateway's tunnels carry connections to endpoint services (PrivateLink) only; call AWS services "
                            + "over HTTP through the gateway (AWS_ENDPOINT_URL or HTTP_PROXY), where the endpoint policy is judged",
                            Optional.empty(), Optional.of(path)));
        };
    }

    /** The path's blocking explanation when it is that the name does not resolve. */
    private static Optional<Explanation> unresolved(PathResult path) {
        List<Explanation> explanations = path.explanations();
        return explanations.isEmpty() || explanations.get(explanations.size() - 1).code() != ExplanationCode.DESTINATION_NOT_RESOLVED
                ? Optional.empty()
                : Optional.of(explanations.get(explanations.size() - 1));
    }

    /** The connection's flow: the consumer's side, its source and destination ports, and the target once chosen. */
    private PrivateLinkFlow flow(PrivateLinkEndpoint side, TunnelRequest request, Optional<ServiceTarget> target) {
        return new PrivateLinkFlow(side.account(), side.region(), workload.id(), side.vpcId(), side.subnetId(), side.networkInterfaceId(),
                side.sourceAddress(), request.sourcePort(), side.endpointId(), side.endpointNetworkInterfaceId(), side.endpointAddress(), side.zoneId(),
                side.serviceName(), side.serviceId(), side.serviceAccount(), request.port(), target.map(ServiceTarget::loadBalancerArn),
                target.map(ServiceTarget::address), target.map(chosen -> OptionalInt.of(chosen.port())).orElse(OptionalInt.empty()));
    }

    /** One of the path's targets by the flow's hash, and the socket its process listens on. */
    private TunnelDecision toTarget(TunnelRequest request, PrivateLinkEndpoint endpoint, PathResult path) {
        if (path.targets().isEmpty()) {
            return new TunnelDecision.Refuse(Refusal.CONNECTION_REFUSED, "the path engine names no target of " + endpoint.serviceName() + " for port "
                    + request.port(), Optional.of(flow(endpoint, request, Optional.empty())),
                    Optional.of(path));
        }
        ServiceTarget target = FlowHash.choose(path.targets(), endpoint.sourceAddress(), request.sourcePort(), endpoint.endpointAddress(), request.port());
        PrivateLinkFlow flow = flow(endpoint, request, Optional.of(target));
        Optional<InetSocketAddress> socket = targetSockets.socketOf(target.scope(), target.vpcId(), target.address(), target.port());
        if (socket.isEmpty()) {
            return new TunnelDecision.Refuse(Refusal.CONNECTION_REFUSED, "no process listens behind target " + target.targetId() + " ("
                    + target.address() + ":" + target.port() + " in " + target.vpcId() + ") of " + target.targetGroupArn()
                    + ": start it with backlane run --listen, or map it with POST /_backlane/targets", Optional.of(flow), Optional.of(path));
        }
        // As an NLB does for PrivateLink traffic: the consumer's private address and port, the load balancer's address
        // and the listener's port, and the endpoint's ID in AWS's TLV.
        byte[] preamble = target.proxyProtocolV2()
                ? ProxyProtocolV2.header(endpoint.sourceAddress(), request.sourcePort(), target.loadBalancerAddress(), request.port(),
                        Optional.of(endpoint.endpointId()))
                : new byte[0];
        return new TunnelDecision.Tunnel(socket.get(), preamble, flow, path);
    }

    private Optional<URI> upstream(String service) {
        return Upstreams.IN_PROCESS.contains(service) ? Optional.of(inProcess) : upstreams.forService(service);
    }

    /** Who the endpoint policy judged the call as: the principal of the judge's question. */
    private String principal(RequestFacts facts, String callerAccount) {
        return TrafficJudge.query(workload, facts, callerAccount).policy().map(PolicyQuestion::principal).orElse(workload.principalArn());
    }

    private AwsException noUpstream(String service) {
        String name = protocols.find(service).map(known -> known.serviceIds() + " (" + service + ")").orElse("'" + service + "'");
        return AwsException.of(ErrorCode.UNSUPPORTED_SERVICE,
                "The path allows this call, but Backlane has no upstream for %s: start Backlane with --upstream %s=URL "
                        + "(or --upstream default=URL) to send it to an emulator of the service.",
                name, service);
    }

    private GatewayDecision respond(HttpRequestHead head, Optional<String> service, AwsException error, RequestFacts facts, PathResult path) {
        ErrorAnswer answer = ErrorAnswer.of(error, service.flatMap(protocols::find), name -> head.header(name).orElse(null),
                UUID.randomUUID().toString());
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Content-Type", answer.contentType());
        return new GatewayDecision.Respond(answer.status(), headers, answer.body(), facts, path);
    }

    private static String mark() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
