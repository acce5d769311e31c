package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.data.Region;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which AWS service a hostname belongs to, for every name AWS serves: each service's names per region from
 * AWS's endpoint data ({@code data/service-hostnames.json}: {@code sqs.us-east-1.amazonaws.com},
 * {@code api.ecr.us-east-1.amazonaws.com}, FIPS and dual-stack variants, {@code iam.amazonaws.com}), S3's
 * names with a bucket label in front, and the private DNS names of the endpoint services
 * ({@code data/services.json}), which are their public names too ({@code *.dkr.ecr.<region>.amazonaws.com},
 * {@code *.execute-api...}). It also maps each endpoint service ({@code com.amazonaws.us-east-1.kinesis-streams})
 * to the public service its names belong to ({@code kinesis in us-east-1}).
 */
public final class ServiceNames {
    private static final String HOSTNAMES = "/dev/backlane/core/data/service-hostnames.json";
    private static final String WILDCARD = "*.";
    private static final JsonNode DATA = read();
    private static final ServiceNames STANDARD = new ServiceNames(AwsServiceCatalog.standard());

    private final AwsServiceCatalog catalog;
    private final Map<String, PublicService> byHostname = new LinkedHashMap<>();
    /** Names that take labels on the left ({@code s3.us-east-1.amazonaws.com} for buckets). */
    private final Map<String, PublicService> bySubdomainBase = new LinkedHashMap<>();
    /** Each service's names, its standard name first; {@code *.<name>} stands for every name under {@code <name>}. */
    private final Map<PublicService, List<String>> hostnames = new LinkedHashMap<>();
    /** Each service by its name and region ({@code sqs us-east-1}), for the way back from a credential scope. */
    private final Map<String, PublicService> byNameAndRegion = new java.util.HashMap<>();
    private final Map<String, PublicService> byEndpointService = new LinkedHashMap<>();
    private final Map<PublicService, AwsService> endpointServices = new LinkedHashMap<>();

    public ServiceNames(AwsServiceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        Set<String> subdomainServices = new HashSet<>();
        DATA.path("subdomains").forEach(name -> subdomainServices.add(name.asText()));
        DATA.path("services").fields().forEachRemaining(entry -> {
            boolean global = entry.getValue().path("global").asBoolean(false);
            for (JsonNode group : entry.getValue().path("names")) {
                for (JsonNode region : group.path("regions")) {
                    PublicService service = new PublicService(entry.getKey(), region.asText(), global);
                    for (JsonNode template : group.path("hostnames")) {
                        String name = template.asText().replace("{region}", region.asText());
                        add(service, name);
                        if (subdomainServices.contains(service.name()) && !name.startsWith(WILDCARD)) {
                            add(service, WILDCARD + name);
                        }
                    }
                }
            }
        });
        for (AwsService service : allEndpointServices(catalog)) {
            mapEndpointService(service);
        }
        hostnames.keySet().forEach(service -> byNameAndRegion.putIfAbsent(service.name() + " " + service.region(), service));
    }

    public static ServiceNames standard() {
        return STANDARD;
    }

    /** The service of a hostname such as {@code sts.us-east-1.amazonaws.com} or {@code logs.s3.eu-west-1.amazonaws.com}. */
    public Optional<PublicService> serviceOfHostname(String hostname) {
        String name = normalize(hostname);
        PublicService exact = byHostname.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            PublicService service = bySubdomainBase.get(name.substring(dot + 1));
            if (service != null) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /**
     * The labels a hostname has left of a service name that takes subdomains: {@code my.bucket} of
     * {@code my.bucket.s3.us-east-1.amazonaws.com}; empty for a service's own name or a name of no service.
     */
    public Optional<String> subdomainOf(String hostname) {
        String name = normalize(hostname);
        if (byHostname.containsKey(name)) {
            return Optional.empty();
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            if (bySubdomainBase.containsKey(name.substring(dot + 1))) {
                return Optional.of(name.substring(0, dot));
            }
        }
        return Optional.empty();
    }

    /**
     * The standard hostname of a service named as in AWS's endpoint data ({@code sqs}, {@code api.ecr},
     * {@code monitoring}) in a region: {@code sqs.us-east-1.amazonaws.com}; a global service's name for the
     * region of its credential scope ({@code iam.amazonaws.com} for us-east-1).
     */
    public Optional<String> hostnameOf(String serviceName, String region) {
        PublicService service = byNameAndRegion.get(serviceName.toLowerCase(Locale.ROOT) + " " + region.toLowerCase(Locale.ROOT));
        return service == null ? Optional.empty() : Optional.of(standardName(hostnames.get(service)));
    }

    /** The endpoint service a full service name ({@code com.amazonaws.<region>.<service>}) names, if it is AWS's. */
    public Optional<AwsService> serviceOfName(String serviceName) {
        return catalog.service(serviceName.toLowerCase(Locale.ROOT));
    }

    /** The public service whose names an endpoint service's private DNS name is ({@code ecr.api} → {@code api.ecr}). */
    public Optional<PublicService> publicServiceOf(AwsService service) {
        return Optional.ofNullable(byEndpointService.get(service.serviceName()));
    }

    /** The endpoint service that serves a public service's names privately, if AWS offers one. */
    public Optional<AwsService> endpointServiceOf(PublicService service) {
        return Optional.ofNullable(endpointServices.get(service));
    }

    /**
     * The name clients use for an endpoint service: its private DNS name, which is the service's public name
     * ({@code api.ecr.us-east-1.amazonaws.com}; {@code s3.us-east-1.amazonaws.com} for S3's {@code *.s3...};
     * AWS's own wildcard where only subdomains exist, {@code *.execute-api.us-east-1.amazonaws.com}), else the
     * standard name of its public service ({@code dynamodb.us-east-1.amazonaws.com}).
     */
    public Optional<String> hostnameOf(AwsService service) {
        String privateName = service.privateDnsName();
        if (privateName != null) {
            String name = normalize(privateName);
            if (name.startsWith(WILDCARD) && byHostname.containsKey(name.substring(WILDCARD.length()))) {
                return Optional.of(name.substring(WILDCARD.length()));
            }
            return Optional.of(name);
        }
        return publicServiceOf(service).map(found -> standardName(hostnames.get(found)));
    }

    /** The service's names, its standard name first; {@code *.<name>} stands for every name under it. */
    public List<String> hostnames(PublicService service) {
        return hostnames.getOrDefault(service, List.of());
    }

    /** Every public service, by region, then name. */
    public List<PublicService> services() {
        return hostnames.keySet().stream().sorted(Comparator.comparing(PublicService::region).thenComparing(PublicService::name)).toList();
    }

    /** The public services served from the region (global ones from their credential scope's region). */
    public List<PublicService> services(String region) {
        return services().stream().filter(service -> service.region().equals(region)).toList();
    }

    /**
     * Whether a private DNS name answers for the hostname: its exact name, or for a wildcard
     * ({@code *.s3.us-east-1.amazonaws.com}) any name under it and the name itself, as AWS creates both records;
     * the wildcard itself stands for the service where no concrete name exists ({@code *.execute-api...}).
     */
    public static boolean covers(String privateDnsName, String hostname) {
        if (privateDnsName == null) {
            return false;
        }
        String pattern = normalize(privateDnsName);
        String name = normalize(hostname);
        if (!pattern.startsWith(WILDCARD)) {
            return pattern.equals(name);
        }
        String base = pattern.substring(WILDCARD.length());
        return name.equals(base) || name.endsWith("." + base) || name.equals(pattern);
    }

    /** Whether the service's private name covers every subdomain (S3's {@code *.s3.<region>.amazonaws.com}). */
    public static boolean hasWildcardName(AwsService service) {
        return service.privateDnsName() != null && service.privateDnsName().startsWith(WILDCARD);
    }

    public AwsServiceCatalog catalog() {
        return catalog;
    }

    /**
     * An endpoint service's private DNS name is its public service's standard name (then the two are one
     * service), a name AWS's endpoint data files under another service's endpoints (bedrock-runtime under
     * bedrock: it becomes a service of its own), or a name known only from the endpoint service
     * ({@code *.dkr.ecr...}, {@code *.execute-api...}).
     */
    private void mapEndpointService(AwsService service) {
        PublicService mapped;
        if (service.privateDnsName() == null) {
            mapped = hostnames.keySet().stream().filter(found -> found.region().equals(service.region()) && found.name().equals(service.shortName()))
                    .findFirst().orElse(null);
        } else {
            String privateName = normalize(service.privateDnsName());
            String name = privateName.startsWith(WILDCARD) ? privateName.substring(WILDCARD.length()) : privateName;
            PublicService owner = byHostname.get(name);
            if (owner != null && name.equals(standardName(hostnames.get(owner)))) {
                mapped = owner;
            } else {
                mapped = new PublicService(label(name, service.region()), service.region(), false);
                if (owner != null) {
                    hostnames.get(owner).removeIf(found -> found.equals(name) || found.equals(WILDCARD + name));
                }
            }
            add(mapped, privateName);
        }
        if (mapped != null) {
            byEndpointService.put(service.serviceName(), mapped);
            endpointServices.putIfAbsent(mapped, service);
        }
    }

    /** Records a name of the service: exact, or with {@code *.} every name under it. */
    private void add(PublicService service, String name) {
        List<String> names = hostnames.computeIfAbsent(service, key -> new ArrayList<>());
        if (!names.contains(name)) {
            names.add(name);
        }
        if (name.startsWith(WILDCARD)) {
            bySubdomainBase.put(name.substring(WILDCARD.length()), service);
        } else {
            byHostname.put(name, service);
        }
    }

    /** The first exact name, else the wildcard AWS gives ({@code *.execute-api.us-east-1.amazonaws.com}). */
    private static String standardName(List<String> names) {
        return names.stream().filter(name -> !name.startsWith(WILDCARD)).findFirst().orElse(names.get(0));
    }

    /** {@code dkr.ecr} of {@code dkr.ecr.us-east-1.amazonaws.com}. */
    private static String label(String name, String region) {
        int at = name.indexOf("." + region + ".");
        return at > 0 ? name.substring(0, at) : name;
    }

    private static List<AwsService> allEndpointServices(AwsServiceCatalog catalog) {
        List<AwsService> services = new ArrayList<>();
        for (Region region : RegionCatalog.standard().regions()) {
            services.addAll(catalog.services(region.name()));
        }
        return services;
    }

    private static String normalize(String hostname) {
        String name = hostname.trim().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static JsonNode read() {
        try (InputStream in = ServiceNames.class.getResourceAsStream(HOSTNAMES)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
