package dev.backlane.core.analysis;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.endpoint.AwsService;
import dev.backlane.core.endpoint.AwsServiceCatalog;
import java.util.Locale;
import java.util.Optional;

/**
 * Which AWS service a hostname belongs to: {@code <service>.<region>.amazonaws.com}, and for services
 * with a wildcard private name (S3) also {@code <bucket>.<service>.<region>.amazonaws.com}. Service names
 * ({@code com.amazonaws.us-east-1.s3}) map to the service's public hostname.
 */
public final class ServiceNames {
    private static final String SUFFIX = ".amazonaws.com";

    private final AwsServiceCatalog catalog;

    public ServiceNames(AwsServiceCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /** The service of a hostname such as {@code sts.us-east-1.amazonaws.com} or {@code logs.s3.eu-west-1.amazonaws.com}. */
    public Optional<AwsService> serviceOfHostname(String hostname) {
        String name = hostname.toLowerCase(Locale.ROOT);
        if (!name.endsWith(SUFFIX) || name.endsWith(".vpce.amazonaws.com")) {
            return Optional.empty();
        }
        String[] labels = name.substring(0, name.length() - SUFFIX.length()).split("\\.");
        if (labels.length < 2) {
            return Optional.empty();
        }
        String region = labels[labels.length - 1];
        String shortName = labels[labels.length - 2];
        Optional<AwsService> service = catalog.service("com.amazonaws." + region + "." + shortName);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        boolean prefixed = labels.length > 2;
        if (prefixed && !hasWildcardName(service.get())) {
            return Optional.empty();
        }
        return service;
    }

    /** The service a full service name ({@code com.amazonaws.<region>.<service>}) names, if it is AWS's. */
    public Optional<AwsService> serviceOfName(String serviceName) {
        return catalog.service(serviceName.toLowerCase(Locale.ROOT));
    }

    /** The name public DNS answers for the service: {@code <service>.<region>.amazonaws.com}. */
    public static String publicHostname(AwsService service) {
        return service.shortName() + "." + service.region() + SUFFIX;
    }

    /** Whether the service's private name covers every subdomain (S3's {@code *.s3.<region>.amazonaws.com}). */
    public static boolean hasWildcardName(AwsService service) {
        return service.privateDnsName() != null && service.privateDnsName().startsWith("*.");
    }

    public AwsServiceCatalog catalog() {
        return catalog;
    }
}
