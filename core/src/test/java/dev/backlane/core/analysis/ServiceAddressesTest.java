package dev.backlane.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backlane.core.data.AwsPrefixList;
import dev.backlane.core.data.AwsPrefixListCatalog;
import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.net.Ipv4Address;
import dev.backlane.core.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceAddressesTest {
    private final ServiceNames names = ServiceNames.standard();
    private final ServiceAddresses addresses = ServiceAddresses.standard();

    @Test
    void everyServiceHasItsOwnAddressInItsRegionsAmazonRangesAndInNoPrefixList() {
        List<Ipv4Cidr> listed = new ArrayList<>();
        for (Region region : RegionCatalog.standard().regions()) {
            AwsPrefixListCatalog.standard().region(region.name()).forEach(list -> list.cidrs().forEach(cidr -> listed.add(Ipv4Cidr.parseLenient(cidr).orElseThrow())));
        }
        Map<String, PublicService> owners = new HashMap<>();
        for (PublicService service : names.services()) {
            long address = addresses.address(service).orElseThrow(() -> new AssertionError("no address for " + service.describe()));
            if (isGatewayService(service)) {
                continue;
            }
            assertTrue(ServiceAddressRanges.standard().ranges(service.region()).stream().anyMatch(range -> range.contains(address)),
                    service.describe() + " at " + Ipv4Address.format(address));
            assertTrue(listed.stream().noneMatch(cidr -> cidr.contains(address)), service.describe() + " is in a prefix list");
            PublicService previous = owners.put(service.region() + "/" + address, service);
            assertEquals(null, previous, service.describe() + " shares " + Ipv4Address.format(address));
        }
    }

    @Test
    void s3AndDynamoDbAnswerFromTheirPrefixList() {
        for (Region region : RegionCatalog.standard().regions()) {
            for (AwsPrefixList list : AwsPrefixListCatalog.standard().region(region.name())) {
                long address = addresses.address(region.name(), list.service()).orElseThrow();
                assertTrue(list.cidrs().stream().map(cidr -> Ipv4Cidr.parseLenient(cidr).orElseThrow()).anyMatch(cidr -> cidr.contains(address)),
                        list.name());
                assertTrue(addresses.assignment(new PublicService(list.service(), region.name(), false)).orElseThrow().origin().contains(list.id()));
            }
        }
        assertEquals("3.5.0.1", Ipv4Address.format(addresses.address("us-east-1", "s3").orElseThrow()));
    }

    @Test
    void anAddressLeadsBackToItsService() {
        for (PublicService service : names.services()) {
            long address = addresses.address(service).orElseThrow();
            assertEquals(Optional.of(service), addresses.serviceAt(service.region(), address), service.describe());
        }
        long inS3 = Ipv4Address.parse("3.5.7.9").orElseThrow();
        assertEquals(Optional.of(new PublicService("s3", "us-east-1", false)), addresses.serviceAt("us-east-1", inS3));
        assertEquals(Optional.empty(), addresses.serviceAt("us-east-1", Ipv4Address.parse("203.0.113.9").orElseThrow()));
    }

    @Test
    void addressesAreTheSameEveryTimeTheyAreWorkedOut() {
        ServiceAddresses again = new ServiceAddresses(names, ServiceAddressRanges.standard(), AwsPrefixListCatalog.standard());
        for (PublicService service : names.services()) {
            assertEquals(addresses.address(service), again.address(service), service.describe());
        }
        assertEquals(addresses.address("us-east-1", "sqs"), again.address("us-east-1", "sqs"));
    }

    private static boolean isGatewayService(PublicService service) {
        return !service.global() && (service.name().equals("s3") || service.name().equals("dynamodb"));
    }
}
