package dev.backlane.server.api.ec2;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.EndpointService;
import dev.backlane.core.endpoint.EndpointServiceLookup;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.VpcEndpointType;
import dev.backlane.core.world.World;
import dev.backlane.server.api.Call;
import dev.backlane.server.api.Input;
import dev.backlane.server.api.OperationFamily;
import dev.backlane.server.api.OperationRegistry;
import dev.backlane.server.api.Output;
import dev.backlane.server.api.describe.DocumentedFilters;
import dev.backlane.server.api.describe.CompiledFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * DescribeVpcEndpointServices: the services the caller may connect to (AWS services of its region and
 * whatever further sources the lookup has), one detail per service and endpoint type, sorted by service
 * name as AWS sorts them, with the documented filters and {@code MaxResults}/{@code NextToken} pagination.
 */
public final class VpcEndpointServiceOperations implements OperationFamily {
    private static final Map<String, Function<Offer, Collection<String>>> FILTERS = Map.of(
            "owner", offer -> List.of(offer.service().owner()),
            "service-name", offer -> List.of(offer.service().serviceName()),
            "service-region", offer -> List.of(offer.service().region()),
            "service-type", offer -> List.of(offer.type().awsName()),
            "supported-ip-address-types", offer -> offer.service().supportedIpAddressTypes(),
            "tag-key", offer -> offer.service().tags().keySet());

    private final EndpointServiceLookup services;

    public VpcEndpointServiceOperations(EndpointServiceLookup services) {
        this.services = requireNonNull(services, "services is null");
    }

    @Override
    public void register(OperationRegistry registry) {
        registry.ec2("DescribeVpcEndpointServices", this::describe);
    }

    /** A service offered with one endpoint type. */
    private record Offer(EndpointService service, VpcEndpointType type) {}

    private record Filter(CompiledFilter filter) {
        boolean matches(Offer offer) {
            String name = filter.name();
            Collection<String> values = name.startsWith("tag:")
                    ? offer.service().tags().containsKey(name.substring(4)) ? List.of(offer.service().tags().get(name.substring(4))) : List.of()
                    : FILTERS.get(name).apply(offer);
            return filter.matchesAny(values);
        }
    }

    private Map<String, Object> describe(Call call) {
        Input input = call.input();
        List<Filter> filters = filters(call);
        int start = decodeToken(input.string("NextToken"));
        Integer maxResults = input.integer("MaxResults");
        World world = call.world();
        List<String> regions = input.strings("ServiceRegions").isEmpty() ? List.of(call.scope().region()) : input.strings("ServiceRegions");
        List<EndpointService> visible = new ArrayList<>();
        for (String region : new LinkedHashSet<>(regions)) {
            visible.addAll(services.visibleTo(world, call.scope(), region));
        }
        Set<String> names = new LinkedHashSet<>(input.strings("ServiceNames"));
        for (String name : names) {
            if (visible.stream().noneMatch(service -> service.serviceName().equals(name))) {
                throw AwsException.of(ErrorCode.INVALID_SERVICE_NAME, "The Vpc Endpoint Service '%s' does not exist", name);
            }
        }
        List<Offer> offers = new ArrayList<>();
        for (EndpointService service : visible) {
            if (!names.isEmpty() && !names.contains(service.serviceName())) {
                continue;
            }
            for (VpcEndpointType type : VpcEndpointType.values()) {
                Offer offer = new Offer(service, type);
                if (service.offers(type) && filters.stream().allMatch(filter -> filter.matches(offer))) {
                    offers.add(offer);
                }
            }
        }
        // AWS lists services by name, whatever order the sources or the ServiceNames parameter give them in.
        offers.sort(Comparator.comparing(offer -> offer.service().serviceName()));
        int end = maxResults == null ? offers.size() : Math.min(offers.size(), start + maxResults);
        List<Offer> page = start >= offers.size() ? List.of() : offers.subList(start, end);
        return Output.create()
                .put("ServiceNames", page.stream().map(offer -> offer.service().serviceName()).distinct().toList())
                .put("ServiceDetails", page.stream().map(offer -> VpcEndpointShapes.serviceDetail(offer.service(), offer.type())).toList())
                .put("NextToken", end < offers.size() ? encodeToken(end) : null)
                .build();
    }

    private static List<Filter> filters(Call call) {
        List<Filter> filters = new ArrayList<>();
        for (Input filter : call.input().structures("Filters")) {
            String name = filter.string("Name");
            boolean known = name != null && (name.startsWith("tag:") || FILTERS.containsKey(name));
            if (!known || !DocumentedFilters.ec2().isDocumented(call.operation(), name)) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The filter '%s' is invalid", name);
            }
            filters.add(new Filter(CompiledFilter.of(name, filter)));
        }
        return filters;
    }

    private static String encodeToken(int next) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + next).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                return Integer.parseInt(decoded.substring(7));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value ( %s ) for parameter NextToken is invalid. The token is invalid.", token);
    }
}
