package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * ELBv2's enums through the Java SDK: a value outside the model's set gets AWS's ValidationError
 * naming the member and the set, and the values Backlane holds as enums come back as AWS writes them.
 */
class ElbEnumsSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String ACCOUNT = "333333333333";

    private final Ec2Client ec2 = backlane.ec2(ACCOUNT);
    private final ElasticLoadBalancingV2Client elb = backlane.elb(ACCOUNT);

    @Test
    void aProtocolOutsideTheModelsSetIsAValidationErrorNamingTheSet() {
        String vpcId = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();

        AwsServiceException error = assertAwsError("ValidationError", () -> elb.createTargetGroup(r -> r.name("lower").protocol("http")
                .port(80).vpcId(vpcId)));

        assertEquals("1 validation error detected: Value 'http' at 'protocol' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP, GENEVE, QUIC, TCP_QUIC]",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void protocolsSchemesAndTargetTypesComeBackAsAwsWritesThem() {
        String vpcId = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        List<String> subnets = ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZoneId)).limit(2).map(Subnet::subnetId).toList();
        TargetGroup group = elb.createTargetGroup(r -> r.name("tls-ips").protocol(ProtocolEnum.TLS).port(443).vpcId(vpcId)
                .targetType(TargetTypeEnum.IP).healthCheckProtocol(ProtocolEnum.HTTP)).targetGroups().get(0);
        LoadBalancer loadBalancer = elb.createLoadBalancer(r -> r.name("enums").type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnets)).loadBalancers().get(0);
        elb.createListener(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn()).protocol(ProtocolEnum.TLS).port(443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/00000000-0000-0000-0000-000000000001"))
                .defaultActions(a -> a.type("forward").targetGroupArn(group.targetGroupArn())));

        TargetGroup described = elb.describeTargetGroups(r -> r.targetGroupArns(group.targetGroupArn())).targetGroups().get(0);
        Listener listener = elb.describeListeners(r -> r.loadBalancerArn(loadBalancer.loadBalancerArn())).listeners().get(0);
        LoadBalancer describedBalancer = elb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancer.loadBalancerArn())).loadBalancers().get(0);

        assertEquals(ProtocolEnum.TLS, described.protocol());
        assertEquals(ProtocolEnum.HTTP, described.healthCheckProtocol());
        assertEquals(TargetTypeEnum.IP, described.targetType());
        assertEquals(ProtocolEnum.TLS, listener.protocol());
        assertEquals(LoadBalancerSchemeEnum.INTERNAL, describedBalancer.scheme());
        assertEquals(LoadBalancerTypeEnum.NETWORK, describedBalancer.type());
    }

    @Test
    void aQuicListenerIsRefusedAsAProtocolTheNetworkLoadBalancerDoesNotTakeHere() {
        List<String> subnets = ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZoneId)).limit(1).map(Subnet::subnetId).toList();
        String vpcId = ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        String group = elb.createTargetGroup(r -> r.name("quic").protocol("QUIC").port(443).vpcId(vpcId).targetType(TargetTypeEnum.IP))
                .targetGroups().get(0).targetGroupArn();
        String loadBalancer = elb.createLoadBalancer(r -> r.name("quic").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnets)).loadBalancers().get(0).loadBalancerArn();

        AwsServiceException error = assertAwsError("IncompatibleProtocols", () -> elb.createListener(r -> r.loadBalancerArn(loadBalancer)
                .protocol("QUIC").port(443).defaultActions(a -> a.type("forward").targetGroupArn(group))));

        assertEquals("Listener protocol 'QUIC' is not supported for load balancers of type 'network'", error.awsErrorDetails().errorMessage());
    }
}
