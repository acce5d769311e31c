package dev.backlane.core.analysis;

import dev.backlane.core.analysis.PathQuery.PolicyQuestion;
import dev.backlane.core.fault.Fault;
import dev.backlane.core.fault.FaultKind;
import dev.backlane.core.fault.FaultSet;
import dev.backlane.core.fault.FaultSubject;
import dev.backlane.core.model.NetworkInterface;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.policy.AccessDecision;
import dev.backlane.core.policy.AccessEvaluator;
import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.policy.Decision;
import dev.backlane.core.policy.PolicyEvaluation;
import dev.backlane.core.policy.PolicyLayer;
import dev.backlane.core.policy.PolicyRequest;
import dev.backlane.core.policy.PolicySet;
import dev.backlane.core.policy.RequestContext;
import dev.backlane.core.policy.RequestPrincipal;
import dev.backlane.core.policy.StatementMismatch;
import dev.backlane.core.policy.StatementReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies on a path, for a principal calling an action on a resource: the endpoint's policy when the
 * call goes through an endpoint (none means AWS's default full access), and the identity and resource
 * policies when the question gives them. The request carries the condition keys AWS sets on the way:
 * {@code aws:SourceVpce}, {@code aws:SourceVpc} and {@code aws:VpcSourceIp} through an endpoint,
 * {@code aws:SourceIp} over the internet; the principal's ({@code aws:PrincipalArn}, {@code aws:PrincipalAccount},
 * {@code aws:PrincipalType}, {@code aws:userid}/{@code aws:username} where the ARN tells them, see
 * {@link PrincipalKeys}); and the request's own keys the question gives ({@code aws:RequestedRegion},
 * {@code aws:SecureTransport}, ...). {@code aws:PrincipalOrgID} is never set: Backlane models no organizations.
 */
final class PolicyCheck {
    /** The hop to show and, for a deny, the explanation. */
    record Outcome(Hop hop, Optional<Explanation> denial) {}

    private PolicyCheck() {}

    static Optional<Outcome> check(PolicyQuestion question, ScopeIndex index, Optional<VpcEndpoint> endpoint, Source source,
            Optional<String> publicSourceIp, FaultSet faults, Optional<NetworkInterface> endpointInterface) {
        RequestContext.Builder context = RequestContext.builder();
        question.context().forEach(context::put);
        PrincipalKeys.of(question.principal()).forEach((key, value) -> {
            if (question.context().keySet().stream().noneMatch(given -> given.equalsIgnoreCase(key))) {
                context.add(key, value);
            }
        });
        if (endpoint.isPresent()) {
            context.add("aws:SourceVpce", endpoint.get().id());
            context.add("aws:SourceVpc", source.vpc().id());
            context.add("aws:VpcSourceIp", dev.backlane.core.net.Ipv4Address.format(source.address()));
        } else {
            publicSourceIp.ifPresent(ip -> context.add("aws:SourceIp", ip));
        }
        PolicyRequest request = PolicyRequest.of(RequestPrincipal.parse(question.principal()), question.action(), question.resource(),
                context.build());
        Optional<CompiledPolicy> endpointPolicy = endpoint.flatMap(index::endpointPolicy);
        String subject = question.principal() + " calling " + question.action() + " on " + question.resource();
        if (endpoint.isPresent() && faults.has(FaultKind.F4_POLICY_DENY)) {
            Optional<Outcome> layered = faultDenial(faults, FaultSubjects.traffic(index, endpoint.get(), endpointInterface, source,
                    Optional.of(question.principal())), request, endpoint.get().id(), subject);
            if (layered.isPresent()) {
                return layered;
            }
        }
        if (question.identityPolicies().isEmpty() && question.resourcePolicy().isEmpty()) {
            if (endpoint.isEmpty()) {
                return Optional.empty();
            }
            String id = endpoint.get().id();
            if (endpointPolicy.isEmpty()) {
                return Optional.of(new Outcome(Hop.of(id, HopType.POLICY, "the default endpoint policy allows " + subject), Optional.empty()));
            }
            PolicyEvaluation evaluation = endpointPolicy.get().evaluate(request);
            String statements = statements(evaluation.decidingStatements());
            if (evaluation.decision().isAllowed()) {
                return Optional.of(new Outcome(Hop.of(id, HopType.POLICY, "endpoint policy " + statements + " allows " + subject), Optional.empty()));
            }
            String detail = "endpoint policy of " + id + (evaluation.decidingStatements().isEmpty() ? " has no statement allowing "
                    : " denies in " + statements + ": ") + subject + absentKeys(evaluation);
            return Optional.of(new Outcome(Hop.of(id, HopType.POLICY, detail),
                    Optional.of(new Explanation(ExplanationCode.ENDPOINT_POLICY_DENIES, id, detail,
                            evaluation.decision() == Decision.EXPLICIT_DENY))));
        }
        List<CompiledPolicy> identity = new ArrayList<>();
        question.identityPolicies().forEach(document -> identity.add(CompiledPolicy.parse(document)));
        PolicySet set = new PolicySet(identity, question.resourcePolicy().map(CompiledPolicy::parse), Optional.empty(), endpointPolicy,
                Optional.empty());
        AccessDecision decision = AccessEvaluator.decide(set, request);
        String component = endpoint.map(VpcEndpoint::id).orElse(question.resource());
        if (decision.decision().isAllowed()) {
            return Optional.of(new Outcome(Hop.of(component, HopType.POLICY, decision.reason() + ": " + subject), Optional.empty()));
        }
        PolicyLayer layer = decision.denyingLayer().orElseThrow();
        List<StatementReference> deciding = decision.evaluations().getOrDefault(layer, List.of()).stream()
                .flatMap(evaluation -> evaluation.decidingStatements().stream()).toList();
        String detail = decision.reason() + (deciding.isEmpty() ? "" : " (" + statements(deciding) + ")") + ": " + subject;
        ExplanationCode code = switch (layer) {
            case ENDPOINT_POLICY -> ExplanationCode.ENDPOINT_POLICY_DENIES;
            case RESOURCE_POLICY -> ExplanationCode.RESOURCE_POLICY_DENIES;
            case IDENTITY_POLICY, SERVICE_CONTROL_POLICY -> ExplanationCode.IDENTITY_POLICY_DENIES;
        };
        String denyComponent = layer == PolicyLayer.ENDPOINT_POLICY ? component : layer == PolicyLayer.RESOURCE_POLICY ? question.resource()
                : question.principal();
        return Optional.of(new Outcome(Hop.of(denyComponent, HopType.POLICY, detail),
                Optional.of(new Explanation(code, denyComponent, detail, decision.decision() == Decision.EXPLICIT_DENY))));
    }

    /**
     * The Deny statement an F4 fault layers on the endpoint policy, evaluated by the policy engine: an explicit deny
     * wins over any Allow of the endpoint's own policy and of the others, so it is weighed first.
     */
    private static Optional<Outcome> faultDenial(FaultSet faults, FaultSubject faultSubject, PolicyRequest request, String endpointId,
            String subject) {
        for (Fault fault : faults.all(FaultKind.F4_POLICY_DENY, faultSubject)) {
            PolicyEvaluation evaluation = faults.denyPolicy(fault).evaluate(request);
            if (evaluation.decision() == Decision.EXPLICIT_DENY) {
                String detail = "endpoint policy of " + endpointId + " denies in " + statements(evaluation.decidingStatements())
                        + ", layered by fault " + fault.describe() + ": " + subject;
                return Optional.of(new Outcome(Hop.of(endpointId, HopType.POLICY, detail),
                        Optional.of(new Explanation(ExplanationCode.ENDPOINT_POLICY_DENIES, endpointId, detail, true))));
            }
        }
        return Optional.empty();
    }

    /** Conditions that failed only because the request lacks their key, the usual surprise behind an implicit deny. */
    private static String absentKeys(PolicyEvaluation evaluation) {
        StringBuilder text = new StringBuilder();
        for (StatementMismatch mismatch : evaluation.mismatches()) {
            if (mismatch.conditionKeyAbsent()) {
                text.append("; ").append(mismatch.describe());
            }
        }
        return text.toString();
    }

    private static String statements(List<StatementReference> references) {
        List<String> names = new ArrayList<>();
        for (StatementReference reference : references) {
            names.add("statement " + reference.index() + reference.sid().map(sid -> " (" + sid + ")").orElse(""));
        }
        return String.join(", ", names);
    }
}
