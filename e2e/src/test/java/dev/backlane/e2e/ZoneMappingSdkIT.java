package dev.backlane.e2e;

import static dev.backlane.e2e.AwsAssertions.assertAwsError;
import static dev.backlane.e2e.VpcSdkIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.server.BacklaneServer;
import dev.backlane.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpointType;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;

/**
 * Each account names the Availability Zones its own way (in AWS's oldest regions), and everything that
 * crosses accounts compares zone IDs: a provider's "us-east-1a" is not its consumer's.
 */
class ZoneMappingSdkIT {
    @RegisterExtension
    static final BacklaneExtension backlane = new BacklaneExtension();

    private static final String PROVIDER = "111111111111";
    private static final String CONSUMER = "222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Map<String, String> zones(Ec2Client ec2) {
        Map<String, String> zones = new TreeMap<>();
        ec2.describeAvailabilityZones().availabilityZones().forEach(zone -> zones.put(zone.zoneName(), zone.zoneId()));
        return zones;
    }

    @Test
    void eachAccountHasItsOwnMappingAndTheDefaultAccountKeepsTodays() {
        Map<String, String> standard = zones(backlane.ec2());
        assertEquals("use1-az6", standard.get("us-east-1a"));
        Map<String, String> provider = zones(backlane.ec2(PROVIDER));
        Map<String, String> consumer = zones(backlane.ec2(CONSUMER));
        assertNotEquals(provider.get("us-east-1a"), consumer.get("us-east-1a"), "the accounts' 'a' zones differ");
        assertEquals(standard.keySet(), consumer.keySet());
        assertEquals(Set.copyOf(standard.values()), Set.copyOf(consumer.values()), "the same physical zones, named differently");
        assertEquals(provider, zones(backlane.ec2(PROVIDER)), "the same on every call");

        for (Subnet subnet : backlane.ec2(CONSUMER).describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets()) {
            assertEquals(consumer.get(subnet.availabilityZone()), subnet.availabilityZoneId(), subnet.subnetId());
        }
        String idOfA = consumer.get("us-east-1a");
        assertEquals(List.of("us-east-1a"), backlane.ec2(CONSUMER).describeAvailabilityZones(r -> r.zoneIds(idOfA)).availabilityZones().stream()
                .map(AvailabilityZone::zoneName).toList());
        String subnetInA = backlane.ec2(CONSUMER).createSubnet(r -> r.vpcId(defaultVpc(backlane.ec2(CONSUMER))).cidrBlock("172.31.240.0/24")
                .availabilityZoneId(idOfA)).subnet().availabilityZone();
        assertEquals("us-east-1a", subnetInA);
    }

    @Test
    void aCrossAccountServiceIsOfferedInTheConsumersNamesForTheSameZoneIds() throws Exception {
        Ec2Client provider = backlane.ec2(PROVIDER);
        Ec2Client consumer = backlane.ec2(CONSUMER);
        ElasticLoadBalancingV2Client providerElb = backlane.elb(PROVIDER);
        Map<String, String> providerZones = zones(provider);
        Map<String, String> consumerZones = zones(consumer);
        Map<String, String> consumerNames = consumerZones.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

        List<String> providerSubnets = defaultSubnetsIn(provider, "us-east-1a", "us-east-1b");
        String arn = providerElb.createLoadBalancer(r -> r.name("zones").type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(providerSubnets)).loadBalancers().get(0).loadBalancerArn();
        awaitTrue(() -> providerElb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0).state().codeAsString().equals("active"));
        String serviceId = provider.createVpcEndpointServiceConfiguration(r -> r.networkLoadBalancerArns(arn).acceptanceRequired(false))
                .serviceConfiguration().serviceId();
        provider.modifyVpcEndpointServicePermissions(r -> r.serviceId(serviceId).addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
        var configuration = provider.describeVpcEndpointServiceConfigurations(r -> r.serviceIds(serviceId)).serviceConfigurations().get(0);
        assertEquals(List.of("us-east-1a", "us-east-1b"), configuration.availabilityZones());
        List<String> serviceZoneIds = List.of(providerZones.get("us-east-1a"), providerZones.get("us-east-1b"));

        ServiceDetail seen = consumer.describeVpcEndpointServices(r -> r.serviceNames(configuration.serviceName())).serviceDetails().get(0);
        List<String> expectedNames = serviceZoneIds.stream().map(consumerNames::get).sorted().toList();
        assertEquals(expectedNames, seen.availabilityZones(), "the consumer sees the service's zones under its own names");
        assertNotEquals(configuration.availabilityZones(), seen.availabilityZones());

        String vpcId = defaultVpc(consumer);
        // The classic trap: the consumer picks the provider's zone names.
        List<String> sameNames = defaultSubnetsIn(consumer, "us-east-1a", "us-east-1b");
        var refused = assertAwsError("InvalidParameter", () -> consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE)
                .vpcId(vpcId).serviceName(configuration.serviceName()).subnetIds(sameNames)));
        assertTrue(refused.awsErrorDetails().errorMessage().contains("does not support the availability zone of the subnet"), refused.getMessage());
        // By zone ID it works.
        List<String> sameZones = defaultSubnetsIn(consumer, expectedNames.toArray(String[]::new));
        var endpoint = consumer.createVpcEndpoint(r -> r.vpcEndpointType(VpcEndpointType.INTERFACE).vpcId(vpcId)
                .serviceName(configuration.serviceName()).subnetIds(sameZones)).vpcEndpoint();
        assertEquals(2, endpoint.networkInterfaceIds().size());
        List<String> endpointZoneIds = consumer.describeNetworkInterfaces(r -> r.networkInterfaceIds(endpoint.networkInterfaceIds()))
                .networkInterfaces().stream().map(eni -> eni.availabilityZone()).map(consumerZones::get).sorted().toList();
        assertEquals(serviceZoneIds.stream().sorted().toList(), endpointZoneIds);
    }

    @Test
    void anAdminCallPinsAMappingUntilTheAccountPlacesSomethingInItsZones() throws Exception {
        String account = "555555555555";
        Map<String, String> pinned = new LinkedHashMap<>();
        List<String> ids = List.of("use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6");
        for (int i = 0; i < ids.size(); i++) {
            pinned.put("us-east-1" + (char) ('a' + i), ids.get(i));
        }
        HttpResponse<String> put = admin(backlane.endpoint(), "PUT", account, JSON.writeValueAsString(Map.of("zones", pinned)));
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(JSON.readTree(put.body()).path("pinned").asBoolean());
        Ec2Client ec2 = backlane.ec2(account);
        assertEquals(new TreeMap<>(pinned), zones(ec2));
        for (Subnet subnet : ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets()) {
            assertEquals(pinned.get(subnet.availabilityZone()), subnet.availabilityZoneId(), "default subnets carry the pinned names");
        }
        JsonNode read = JSON.readTree(admin(backlane.endpoint(), "GET", account, null).body());
        assertTrue(read.path("pinned").asBoolean());
        assertEquals("use1-az1", read.path("zones").get(0).path("id").asText());

        Map<String, String> wrong = new LinkedHashMap<>(pinned);
        wrong.put("us-east-1f", "use1-az1");
        HttpResponse<String> invalid = admin(backlane.endpoint(), "PUT", account, JSON.writeValueAsString(Map.of("zones", wrong)));
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertTrue(invalid.body().contains("us-east-1f"), invalid.body());

        String vpcId = ec2.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
        ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock("10.50.1.0/24").availabilityZone("us-east-1c"));
        Map<String, String> other = new LinkedHashMap<>(pinned);
        other.put("us-east-1a", "use1-az2");
        other.put("us-east-1b", "use1-az1");
        HttpResponse<String> late = admin(backlane.endpoint(), "PUT", account, JSON.writeValueAsString(Map.of("zones", other)));
        assertEquals(409, late.statusCode(), late.body());
        assertEquals(new TreeMap<>(pinned), zones(ec2), "a refused pin changes nothing");
        assertEquals(409, admin(backlane.endpoint(), "DELETE", account, null).statusCode());
        assertEquals(404, admin(backlane.endpoint(), "GET", "12345", null).statusCode());
    }

    @Test
    void aPinnedMappingSurvivesARestart() throws Exception {
        Path data = Files.createTempDirectory("backlane-zones");
        String body = JSON.writeValueAsString(Map.of("zones", Map.of("us-west-1a", "usw1-az1", "us-west-1b", "usw1-az3")));
        ServerConfig config = ServerConfig.forTests().withStore(data, false);
        try (BacklaneServer first = BacklaneServer.start(config)) {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(first.endpoint() + "/_backlane/zone-mappings/666666666666/us-west-1"))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
        }
        try (BacklaneServer second = BacklaneServer.start(config)) {
            JsonNode read = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(second.endpoint() + "/_backlane/zone-mappings/666666666666/us-west-1"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(read.path("pinned").asBoolean(), read.toString());
            assertEquals("usw1-az1", read.path("zones").get(0).path("id").asText());
            assertEquals("usw1-az3", read.path("zones").get(1).path("id").asText());
        }
    }

    private static HttpResponse<String> admin(String endpoint, String method, String account, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "/_backlane/zone-mappings/" + account + "/us-east-1"))
                .method(method, publisher).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String defaultVpc(Ec2Client ec2) {
        return ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
    }

    private static List<String> defaultSubnetsIn(Ec2Client ec2, String... zoneNames) {
        List<String> names = List.of(zoneNames);
        return ec2.describeSubnets(r -> r.filters(filter("default-for-az", "true"))).subnets().stream()
                .filter(subnet -> names.contains(subnet.availabilityZone()))
                .sorted(Comparator.comparing(Subnet::availabilityZone)).map(Subnet::subnetId).toList();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            assertFalse(Instant.now().isAfter(deadline), "timed out");
            Thread.sleep(200);
        }
    }
}
