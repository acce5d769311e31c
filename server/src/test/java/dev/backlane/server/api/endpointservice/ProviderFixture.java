package dev.backlane.server.api.endpointservice;

import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.network.Quotas;
import dev.backlane.server.SteppingClock;
import dev.backlane.server.TestApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A provider account and a consumer account on one in-process API with a clock the test moves: the
 * provider's network load balancers are made active before a service uses them.
 */
final class ProviderFixture {
    static final String PROVIDER = "111111111111";
    static final String CONSUMER = "222222222222";
    static final String REGION = "us-east-1";

    final SteppingClock clock = new SteppingClock();
    final TestApi api = new TestApi(Quotas.awsDefaults(), clock);

    ProviderFixture asProvider() {
        api.as(PROVIDER, REGION);
        return this;
    }

    ProviderFixture asConsumer() {
        api.as(CONSUMER, REGION);
        return this;
    }

    /** The default subnets of the current account, in zone ID order. */
    List<Subnet> defaultSubnets() {
        List<Subnet> subnets = new ArrayList<>(api.cloud().snapshot(api.scope()).scope(api.scope()).all(ResourceTypes.SUBNET));
        // By zone ID: index i is the same physical zone in the provider's and the consumer's account,
        // whose zone names differ (each account has its own zone mapping).
        subnets.sort(Comparator.comparing(Subnet::availabilityZoneId));
        return subnets;
    }

    /** An active network load balancer of the provider in the default subnets of the given zone indexes. */
    String activeNetworkLoadBalancer(String name, int... zoneIndexes) {
        asProvider();
        List<Subnet> subnets = defaultSubnets();
        List<String> parameters = new ArrayList<>(List.of("Name", name, "Type", "network", "Scheme", "internal"));
        for (int i = 0; i < zoneIndexes.length; i++) {
            parameters.add("Subnets.member." + (i + 1));
            parameters.add(subnets.get(zoneIndexes[i]).id());
        }
        String arn = api.call("elasticloadbalancing", "CreateLoadBalancer", parameters.toArray(String[]::new)).assertOk()
                .text("//LoadBalancers/member/LoadBalancerArn");
        clock.advance(Duration.ofSeconds(3));
        return arn;
    }

    /** A service of the provider on the load balancer, available. */
    TestApi.Response createService(String loadBalancerArn, String... extra) {
        asProvider();
        List<String> parameters = new ArrayList<>(List.of("NetworkLoadBalancerArn.1", loadBalancerArn));
        parameters.addAll(List.of(extra));
        TestApi.Response response = api.ec2("CreateVpcEndpointServiceConfiguration", parameters.toArray(String[]::new));
        clock.advance(Duration.ofSeconds(2));
        return response;
    }

    String serviceId(String loadBalancerArn, String... extra) {
        return createService(loadBalancerArn, extra).assertOk().text("//serviceConfiguration/serviceId");
    }

    String serviceName(String serviceId) {
        asProvider();
        return api.ec2("DescribeVpcEndpointServiceConfigurations", "ServiceId.1", serviceId).assertOk()
                .text("//serviceConfigurationSet/item/serviceName");
    }
}
