package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * PrivateLink across accounts through the SDK for Java v2: a provider ({@code 111111111111}) offers an
 * NLB-backed endpoint service that requires acceptance; a consumer ({@code 222222222222}) can neither
 * see nor connect to it until allowed, then waits for the provider to accept or reject its endpoints.
 */
class EndpointServiceSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Ec2Client provider = backlane.ec2(PROVIDER);
    private final ElasticLoadBalancingV2Client providerElb = backlane.elb(PROVIDER);
    private final Ec2Client consumer = backlane.ec2(CONSUMER);

    /** The first default subnets by zone ID: the same physical zones in every account, whatever each names them. */
    private static List<String> defaultSubnets(Ec2Client ec2, int count) {
        return ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .sorted(Comparator.comparing(Subnet::availabilityZoneId)).limit(count).map(Subnet::subnetId).toList();
    }

    /** An active internal network load balancer of the provider in its first two default subnets. */
    private String activeLoadBalancer(String name) {
        String arn = providerElb.createLoadBalancer(r -> r.name(name).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(defaultSubnets(provider, 2))).loadBalancers().get(0).loadBalancerArn();
        awaitEquals("active", () -> providerElb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0).state().codeAsString());
        return arn;
    }

    /** An available service requiring acceptance on the load balancer. */
    private ServiceConfiguration service(String loadBalancerArn) {
        String id = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(loadBalancerArn).acceptanceRequired(true))
                .serviceConfiguration().serviceId();
        awaitEquals("Available", () -> configuration(id).serviceStateAsString());
        return configuration(id);
    }

    private ServiceConfiguration configuration(String serviceId) {
        return provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0);
    }

    private void allowConsumer(String serviceId) {
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
    }

    private String connect(String serviceName, String vpcId, List<String> subnetIds) {
        return consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpcId).serviceName(serviceName)
                .subnetIds(subnetIds)).vpcEndpoint().vpcEndpointId();
    }

    private String consumerState(String endpointId) {
        return consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).stateAsString();
    }

    private List<VpcEndpointConnection> connections(String serviceId) {
        return provider.describeVpcEndpointConnections(r -> r.filters(filter("service-id", serviceId))).vpcEndpointConnections();
    }

    private List<ServiceDetail> visibleToConsumer(String serviceName) {
        return consumer.describeVpcEndpointServices(r -> r.filters(filter("service-name", serviceName))).serviceDetails();
    }

    private static void awaitEquals(String expected, Supplier<String> actual) {
        AwsAssertions.awaitEquals(expected, actual, PATIENCE);
    }

    @Test
    void consumerConnectsOnlyOnceAllowedAndIsAcceptedByTheProvider() {
        ServiceConfiguration service = service(activeLoadBalancer("accepting"));
        String serviceId = service.serviceId();
        String serviceName = service.serviceName();
        assertTrue(serviceName.matches("com\\.amazonaws\\.vpce\\.us-east-1\\.vpce-svc-[0-9a-f]{17}"), serviceName);
        String vpcId = consumer.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        List<String> subnets = defaultSubnets(consumer, 2);

        assertEquals(List.of(), visibleToConsumer(serviceName), "not allowed: invisible");
        assertAwsError("InvalidServiceName", () -> connect(serviceName, vpcId, subnets));
        assertEquals(List.of(), connections(serviceId), "a refused connection leaves nothing for the provider");

        allowConsumer(serviceId);
        ServiceDetail visible = visibleToConsumer(serviceName).get(0);
        assertEquals(PROVIDER, visible.owner());
        assertTrue(visible.acceptanceRequired());
        String endpointId = connect(serviceName, vpcId, subnets);
        assertEquals("pendingAcceptance", consumerState(endpointId));

        List<VpcEndpointConnection> pending = connections(serviceId);
        assertEquals(List.of(endpointId), pending.stream().map(VpcEndpointConnection::vpcEndpointId).toList());
        assertEquals(CONSUMER, pending.get(0).vpcEndpointOwner());
        assertEquals("pendingAcceptance", pending.get(0).vpcEndpointStateAsString());

        List<UnsuccessfulItem> unsuccessful = provider.acceptVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(endpointId))
                .unsuccessful();
        assertEquals(List.of(), unsuccessful);
        awaitEquals("available", () -> consumerState(endpointId));
        assertEquals("available", connections(serviceId).get(0).vpcEndpointStateAsString());
        assertEquals(2, consumer.describeVpcEndpoints(r -> r.vpcEndpointIds(endpointId)).vpcEndpoints().get(0).networkInterfaceIds().size());

        List<UnsuccessfulItem> refused = provider.deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).unsuccessful();
        assertEquals(List.of("ExistingVpcEndpointConnections"), refused.stream().map(item -> item.error().code()).toList());
        assertEquals(List.of(serviceId), refused.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals("Available", configuration(serviceId).serviceStateAsString(), "the service is still there");
    }

    @Test
    void rejectedEndpointsAreRejectedAndTheServiceCanThenGo() {
        String loadBalancerArn = activeLoadBalancer("rejecting");
        ServiceConfiguration service = service(loadBalancerArn);
        String serviceId = service.serviceId();
        allowConsumer(serviceId);
        String vpcId = consumer.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String subnetId = consumer.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.30.1.0/24").availabilityZoneId(
                provider.describeSubnets(s -> s.subnetIds(defaultSubnets(provider, 1))).subnets().get(0).availabilityZoneId())).subnet().subnetId();
        String endpointId = connect(service.serviceName(), vpcId, List.of(subnetId));
        assertEquals("pendingAcceptance", consumerState(endpointId));

        assertAwsError("ResourceInUse", () -> providerElb.deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancerArn)));
        assertEquals(1, providerElb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancerArn)).loadBalancers().size());

        assertEquals(List.of(), provider.rejectVpcEndpointConnections(r -> r.serviceId(serviceId).vpcEndpointIds(endpointId)).unsuccessful());
        assertEquals("rejected", consumerState(endpointId));
        assertEquals("rejected", connections(serviceId).get(0).vpcEndpointStateAsString());

        assertEquals(List.of(), provider.deleteVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).unsuccessful());
        assertAwsError("InvalidVpcEndpointServiceId.NotFound",
                () -> provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)));
        providerElb.deleteLoadBalancer(r -> r.loadBalancerArn(loadBalancerArn));
        assertAwsError("LoadBalancerNotFound", () -> providerElb.describeLoadBalancers(r -> r.loadBalancerArns(loadBalancerArn)));
    }
}
