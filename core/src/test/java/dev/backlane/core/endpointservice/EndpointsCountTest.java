package dev.backlane.core.endpointservice;

import static dev.backlane.core.endpointservice.PrivateLinkWorld.PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.metrics.Dimension;
import dev.backlane.core.metrics.PrivateLinkAggregator;
import dev.backlane.core.metrics.PrivateLinkMetrics;
import dev.backlane.core.model.EndpointServiceConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PrivateLink's EndpointsCount: the endpoints connected to each endpoint service, in the provider's account, once available. */
class EndpointsCountTest {
    private final PrivateLinkWorld world = new PrivateLinkWorld();

    @Test
    void availableEndpointsAreCountedPerServiceInTheProvidersAccount() {
        EndpointServiceConfiguration open = world.service(false, "us-east-1a");
        EndpointServiceConfiguration gated = world.service(true, "us-east-1b");
        world.endpoint(open, world.consumerSubnetBeside("us-east-1a"));
        world.endpoint(open, world.consumerSubnetBeside("us-east-1a"));
        world.endpoint(gated, world.consumerSubnetBeside("us-east-1b"));
        assertTrue(PrivateLinkMetrics.endpointsCounts(world.cloud.snapshot(), world.now).isEmpty(), "endpoints still pending count for nothing");

        world.now = world.now.plus(Duration.ofHours(1));
        List<PrivateLinkAggregator.Published> counts = PrivateLinkMetrics.endpointsCounts(world.cloud.snapshot(), world.now);
        assertEquals(1, counts.size(), "a service whose endpoint awaits acceptance has none connected: " + counts);
        PrivateLinkAggregator.Published count = counts.get(0);
        assertEquals(PROVIDER, count.scope());
        assertEquals("AWS/PrivateLinkServices", count.datum().key().namespace());
        assertEquals("EndpointsCount", count.datum().key().metricName());
        assertEquals(List.of(new Dimension("Service Id", open.id())), count.datum().key().dimensions());
        assertEquals(2, count.datum().samples().sum());
    }
}
