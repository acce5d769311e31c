package dev.backlane.server.api.ec2;

import dev.backlane.core.model.AnalysisExplanation;
import dev.backlane.core.model.AnalysisPathComponent;
import dev.backlane.core.model.NetworkAclEntry;
import dev.backlane.core.model.NetworkInsightsAnalysis;
import dev.backlane.core.model.NetworkInsightsPath;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Route;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.SecurityGroupRule;
import dev.backlane.core.world.ScopeState;
import dev.backlane.server.api.Output;
import java.util.Map;

/**
 * Network Insights paths and analyses as the EC2 model's shapes: {@code NetworkInsightsPath},
 * {@code NetworkInsightsAnalysis} with {@code PathComponent}s (component, route, security group rule,
 * ACL rule) and {@code Explanation}s (code, component and the kind-specific member naming it).
 */
final class NetworkInsightsShapes {
    private NetworkInsightsShapes() {}

    static Map<String, Object> path(NetworkInsightsPath path, Scope scope, ScopeState state) {
        return Output.create()
                .put("CreatedDate", path.createdDate())
                .put("Destination", path.destination())
                .put("DestinationArn", path.destination() == null ? null : arn(scope, path.destination()))
                .put("DestinationIp", path.destinationIp())
                .put("DestinationPort", path.destinationPort())
                .put("NetworkInsightsPathArn", path.arn(scope))
                .put("NetworkInsightsPathId", path.id())
                .put("Protocol", path.protocol())
                .put("Source", path.source())
                .put("SourceArn", arn(scope, path.source()))
                .put("SourceIp", path.sourceIp())
                .put("Tags", TagShapes.tagSet(state, path.id()))
                .build();
    }

    static Map<String, Object> analysis(NetworkInsightsAnalysis analysis, Scope scope, ScopeState state) {
        return Output.create()
                .put("NetworkInsightsAnalysisArn", analysis.arn(scope))
                .put("NetworkInsightsAnalysisId", analysis.id())
                .put("NetworkInsightsPathId", analysis.pathId())
                .put("StartDate", analysis.startDate())
                .put("Status", analysis.status())
                .put("StatusMessage", analysis.statusMessage())
                .put("NetworkPathFound", analysis.status().equals("succeeded") ? analysis.networkPathFound() : null)
                .put("ForwardPathComponents", analysis.forwardPathComponents().stream().map(component -> component(component, scope)).toList())
                .put("ReturnPathComponents", analysis.returnPathComponents().stream().map(component -> component(component, scope)).toList())
                .put("Explanations", analysis.explanations().stream().map(explanation -> explanation(explanation, scope)).toList())
                .put("Tags", TagShapes.tagSet(state, analysis.id()))
                .build();
    }

    private static Map<String, Object> component(AnalysisPathComponent component, Scope scope) {
        Output output = Output.create()
                .put("SequenceNumber", component.sequenceNumber())
                .put("Component", reference(scope, component.componentId()));
        if (component.route() != null) {
            output.put("RouteTableRoute", route(component.route(), component.routeState()));
        }
        if (component.securityGroupRule() != null) {
            output.put("SecurityGroupRule", securityGroupRule(component.securityGroupId(), component.securityGroupRule()));
        }
        if (component.aclRule() != null) {
            output.put("AclRule", aclRule(component.aclRule()));
        }
        if (component.componentType().equals("aws-service")) {
            output.put("ServiceName", component.componentId());
        }
        return output.build();
    }

    private static Map<String, Object> explanation(AnalysisExplanation explanation, Scope scope) {
        Map<String, Object> component = reference(scope, explanation.componentId());
        Output output = Output.create()
                .put("ExplanationCode", explanation.code())
                .put("Component", component)
                .put("ComponentAccount", scope.account())
                .put("ComponentRegion", scope.region());
        String member = switch (prefix(explanation.componentId())) {
            case "sg" -> "SecurityGroup";
            case "acl" -> "Acl";
            case "rtb" -> "RouteTable";
            case "vpce" -> "VpcEndpoint";
            case "igw" -> "InternetGateway";
            case "nat" -> "NatGateway";
            case "eni" -> "NetworkInterface";
            case "subnet" -> "Subnet";
            case "vpc" -> "Vpc";
            case "pcx" -> "VpcPeeringConnection";
            default -> null;
        };
        if (member != null) {
            output.put(member, component);
        }
        // The provider's side of PrivateLink: AWS names load balancers by ARN and target groups as components.
        if (explanation.componentId().contains(":loadbalancer/")) {
            output.put("LoadBalancerArn", explanation.componentId());
        } else if (explanation.componentId().contains(":targetgroup/")) {
            output.put("LoadBalancerTargetGroup", component);
        } else if (explanation.componentId().contains(":listener/")) {
            output.put("ElasticLoadBalancerListener", component);
        }
        return output.build();
    }

    private static Map<String, Object> route(Route route, String state) {
        return Output.create()
                .put("DestinationCidr", route.destinationCidrBlock() != null ? route.destinationCidrBlock() : route.destinationIpv6CidrBlock())
                .put("DestinationPrefixListId", route.destinationPrefixListId())
                .put("GatewayId", route.gatewayId())
                .put("NatGatewayId", route.natGatewayId())
                .put("NetworkInterfaceId", route.networkInterfaceId())
                .put("InstanceId", route.instanceId())
                .put("VpcPeeringConnectionId", route.vpcPeeringConnectionId())
                .put("TransitGatewayId", route.transitGatewayId())
                .put("EgressOnlyInternetGatewayId", route.egressOnlyInternetGatewayId())
                .put("LocalGatewayId", route.localGatewayId())
                .put("CarrierGatewayId", route.carrierGatewayId())
                .put("Origin", route.origin())
                .put("State", state)
                .build();
    }

    private static Map<String, Object> securityGroupRule(String groupId, SecurityGroupRule rule) {
        boolean allPorts = rule.ipProtocol().equals("-1") || rule.fromPort() == -1;
        return Output.create()
                .put("Cidr", rule.cidrIpv4() != null ? rule.cidrIpv4() : rule.cidrIpv6())
                .put("Direction", rule.egress() ? "egress" : "ingress")
                .put("SecurityGroupId", groupId)
                .put("PortRange", allPorts ? null : Output.create().put("From", rule.fromPort()).put("To", rule.toPort()).build())
                .put("PrefixListId", rule.prefixListId())
                .put("Protocol", rule.ipProtocol())
                .build();
    }

    private static Map<String, Object> aclRule(NetworkAclEntry entry) {
        return Output.create()
                .put("Cidr", entry.cidrBlock() != null ? entry.cidrBlock() : entry.ipv6CidrBlock())
                .put("Egress", entry.egress())
                .put("PortRange", entry.fromPort() == null ? null : Output.create().put("From", entry.fromPort()).put("To", entry.toPort()).build())
                .put("Protocol", entry.protocol())
                .put("RuleAction", entry.ruleAction())
                .put("RuleNumber", entry.ruleNumber())
                .build();
    }

    private static Map<String, Object> reference(Scope scope, String id) {
        return Output.create().put("Id", id).put("Arn", arn(scope, id)).build();
    }

    private static String prefix(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? "" : id.substring(0, dash);
    }

    /** The ARN of a resource ID of the scope; the ID itself when it is not one (a hostname, an address, a service). */
    private static String arn(Scope scope, String id) {
        if (id.startsWith("arn:")) {
            return id;
        }
        if (id.startsWith("i-")) {
            return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":instance/" + id;
        }
        return ResourceTypes.byId(id)
                .map(type -> "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":" + type.name() + "/" + id)
                .orElse(null);
    }
}
