package dev.backlane.core.endpoint;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.model.DnsEntry;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Subnet;
import dev.backlane.core.model.VpcEndpoint;
import dev.backlane.core.world.ScopeState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The DNS entries of an endpoint as DescribeVpcEndpoints shows them: none for gateway endpoints; for
 * interface endpoints the regional and zonal names in the region's {@code vpce.amazonaws.com} zone and,
 * with private DNS on, the service's name in the private hosted zone AWS keeps for it in the VPC. That
 * zone's ID is derived from the VPC and the name, so it is the same on every read and across restarts.
 */
public final class VpcEndpointDnsEntries {
    private static final String ZONE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final AwsServiceCatalog catalog;

    public VpcEndpointDnsEntries(AwsServiceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public List<DnsEntry> entries(VpcEndpoint endpoint, Optional<EndpointService> service, ScopeState state) {
        if (endpoint.isGateway() || service.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> zones = new LinkedHashSet<>();
        for (String subnetId : endpoint.subnetIds()) {
            state.find(ResourceTypes.SUBNET, subnetId).map(Subnet::availabilityZone).ifPresent(zones::add);
        }
        String privateName = service.get().privateDnsName();
        boolean wildcard = privateName != null && privateName.startsWith("*.");
        boolean withPrivate = endpoint.privateDnsEnabled() && privateName != null;
        return EndpointDnsNames.entries(endpoint.id(), endpoint.dnsSuffix(), service.get().baseEndpointDnsName(), new ArrayList<>(zones),
                wildcard, catalog.hostedZoneId(service.get().region()), withPrivate ? privateName : null,
                withPrivate ? privateHostedZoneId(endpoint.vpcId(), privateName) : null);
    }

    /** A Route 53 zone ID ({@code Z} and 20 characters) for the private zone of {@code name} in the VPC. */
    static String privateHostedZoneId(String vpcId, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((vpcId + " " + name).getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder("Z");
            for (int i = 0; i < 20; i++) {
                id.append(ZONE_ALPHABET.charAt((digest[i] & 0xff) % ZONE_ALPHABET.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
