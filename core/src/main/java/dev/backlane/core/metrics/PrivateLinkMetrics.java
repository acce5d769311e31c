package dev.backlane.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.EndpointServiceConfiguration;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.model.VpcEndpointState;
import dev.backlane.core.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics AWS PrivateLink publishes, by AWS's names: namespaces, metric names, units and the dimension sets
 * of each, as the PrivateLink guide's "CloudWatch metrics for AWS PrivateLink" lists them.
 */
public final class PrivateLinkMetrics {
    public static final String ENDPOINTS = "AWS/PrivateLinkEndpoints";
    public static final String SERVICES = "AWS/PrivateLinkServices";
    public static final String ACTIVE_CONNECTIONS = "ActiveConnections";
    public static final String BYTES_PROCESSED = "BytesProcessed";
    public static final String NEW_CONNECTIONS = "NewConnections";
    public static final String PACKETS_DROPPED = "PacketsDropped";
    public static final String RST_PACKETS_RECEIVED = "RstPacketsReceived";
    public static final String RST_PACKETS_SENT = "RstPacketsSent";
    public static final String ENDPOINTS_COUNT = "EndpointsCount";

    public static final String ENDPOINT_TYPE = "Endpoint Type";
    public static final String SERVICE_NAME = "Service Name";
    public static final String VPC_ENDPOINT_ID = "VPC Endpoint Id";
    public static final String VPC_ID = "VPC Id";
    public static final String SUBNET_ID = "Subnet Id";
    public static final String SERVICE_ID = "Service Id";
    public static final String LOAD_BALANCER_ARN = "Load Balancer Arn";
    public static final String AZ = "Az";

    private PrivateLinkMetrics() {}

    /**
     * {@code EndpointsCount} of every endpoint service that has endpoints connected (available), in its provider's
     * account and region, by {@code Service Id}, as of the minute starting at {@code minute}. Services with none are not
     * published: AWS reports the metric only when it is not zero. An endpoint counts while it is available at the minute.
     */
    public static List<PrivateLinkAggregator.Published> endpointsCounts(World world, Instant minute) {
        Map<String, Long> connected = new HashMap<>();
        for (Scope scope : world.scopes()) {
            for (VpcEndpoint endpoint : world.all(scope, ResourceTypes.VPC_ENDPOINT)) {
                if (endpoint.stateAt(minute) == VpcEndpointState.AVAILABLE) {
                    connected.merge(endpoint.serviceName(), 1L, Long::sum);
                }
            }
        }
        List<PrivateLinkAggregator.Published> published = new ArrayList<>();
        for (Scope scope : world.scopes()) {
            for (EndpointServiceConfiguration service : world.all(scope, ResourceTypes.VPC_ENDPOINT_SERVICE)) {
                long count = connected.getOrDefault(service.serviceName(), 0L);
                if (count > 0) {
                    MetricKey key = new MetricKey(SERVICES, ENDPOINTS_COUNT, List.of(new Dimension(SERVICE_ID, service.id())));
                    published.add(new PrivateLinkAggregator.Published(scope, new MetricDatum(key, minute, "Count", 60, Samples.of(count, 1))));
                }
            }
        }
        return published;
    }

    /** One side of PrivateLink traffic: the account and region its metrics go to, their namespace and dimension sets. */
    public sealed interface Side permits EndpointSide, ServiceSide {
        Scope scope();

        String namespace();

        List<List<Dimension>> dimensionSets();

        /** The side's name for the resets it counts: received by an endpoint, sent by a service's targets. */
        String resetMetric();
    }

    /** An interface endpoint's traffic as its owner sees it: the endpoint, its service and VPC, and the subnet of the interface used. */
    public record EndpointSide(Scope scope, String endpointType, String serviceName, String endpointId, String vpcId, String subnetId)
            implements Side {
        public EndpointSide {
            requireNonNull(scope, "scope is null");
            requireNonNull(endpointType, "endpointType is null");
            requireNonNull(serviceName, "serviceName is null");
            requireNonNull(endpointId, "endpointId is null");
            requireNonNull(vpcId, "vpcId is null");
            requireNonNull(subnetId, "subnetId is null");
        }

        @Override
        public String namespace() {
            return ENDPOINTS;
        }

        @Override
        public String resetMetric() {
            return RST_PACKETS_RECEIVED;
        }

        /** The two dimension sets: per endpoint, and per endpoint and subnet. */
        @Override
        public List<List<Dimension>> dimensionSets() {
            List<Dimension> endpoint = List.of(new Dimension(ENDPOINT_TYPE, endpointType), new Dimension(SERVICE_NAME, serviceName),
                    new Dimension(VPC_ENDPOINT_ID, endpointId), new Dimension(VPC_ID, vpcId));
            List<Dimension> subnet = new ArrayList<>(endpoint);
            subnet.add(new Dimension(SUBNET_ID, subnetId));
            return List.of(endpoint, subnet);
        }
    }

    /** An endpoint service's traffic as its provider sees it: the service, the load balancer and zone that served, and the consumer's endpoint. */
    public record ServiceSide(Scope scope, String serviceId, Optional<String> loadBalancerArn, String az, String endpointId) implements Side {
        public ServiceSide {
            requireNonNull(scope, "scope is null");
            requireNonNull(serviceId, "serviceId is null");
            requireNonNull(loadBalancerArn, "loadBalancerArn is null");
            requireNonNull(az, "az is null");
            requireNonNull(endpointId, "endpointId is null");
        }

        @Override
        public String namespace() {
            return SERVICES;
        }

        @Override
        public String resetMetric() {
            return RST_PACKETS_SENT;
        }

        /** The five dimension sets: per service; and zone; and load balancer; and both; and per consumer endpoint. */
        @Override
        public List<List<Dimension>> dimensionSets() {
            Dimension service = new Dimension(SERVICE_ID, serviceId);
            Dimension zone = new Dimension(AZ, az);
            List<List<Dimension>> sets = new ArrayList<>();
            sets.add(List.of(service));
            sets.add(List.of(zone, service));
            loadBalancerArn.ifPresent(arn -> {
                sets.add(List.of(new Dimension(LOAD_BALANCER_ARN, arn), service));
                sets.add(List.of(zone, new Dimension(LOAD_BALANCER_ARN, arn), service));
            });
            sets.add(List.of(service, new Dimension(VPC_ENDPOINT_ID, endpointId)));
            return sets;
        }
    }
}
