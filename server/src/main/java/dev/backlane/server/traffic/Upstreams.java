package dev.backlane.server.traffic;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a workload's gateway sends the calls it lets through, by the service's signing name ({@code s3},
 * {@code sqs}, {@code dynamodb}): the upstreams the user named with {@code --upstream SERVICE=URL}, else the one
 * named {@code default}. The services Backlane serves itself (EC2, ELBv2, STS) are not named here: they always go
 * to Backlane's own API port.
 */
public record Upstreams(Map<String, URI> byService, Optional<URI> fallback) {
    /** The signing names of the services Backlane answers in-process. */
    public static final Set<String> IN_PROCESS = Set.of("ec2", "elasticloadbalancing", "sts");

    private static final String DEFAULT = "default";
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public Upstreams {
        byService = Map.copyOf(requireNonNull(byService, "byService is null"));
        requireNonNull(fallback, "fallback is null");
    }

    public static Upstreams none() {
        return new Upstreams(Map.of(), Optional.empty());
    }

    /**
     * The upstreams of {@code --upstream} flags, each {@code SERVICE=URL}; throws {@link IllegalArgumentException}
     * naming the flag for a malformed one, a URL that is not http(s)://HOST[:PORT], a service named twice, or a
     * service Backlane serves itself.
     */
    public static Upstreams parse(Iterable<String> flags) {
        Map<String, URI> byService = new TreeMap<>();
        Optional<URI> fallback = Optional.empty();
        for (String flag : flags) {
            int equals = flag.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--upstream must be SERVICE=URL (e.g. s3=http://127.0.0.1:9000 or default=http://127.0.0.1:4566), not '"
                        + flag + "'");
            }
            String service = flag.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            URI url = url(flag.substring(equals + 1).trim(), flag);
            if (service.equals(DEFAULT)) {
                if (fallback.isPresent()) {
                    throw new IllegalArgumentException("--upstream default is given twice");
                }
                fallback = Optional.of(url);
            } else if (!SERVICE.matcher(service).matches()) {
                throw new IllegalArgumentException("--upstream '" + flag + "': '" + service
                        + "' is not a service's signing name (s3, sqs, dynamodb, ...) or default");
            } else if (IN_PROCESS.contains(service)) {
                throw new IllegalArgumentException("--upstream '" + flag + "': Backlane serves " + service + " itself");
            } else if (byService.putIfAbsent(service, url) != null) {
                throw new IllegalArgumentException("--upstream " + service + " is given twice");
            }
        }
        return new Upstreams(byService, fallback);
    }

    /** The upstream for the service named, if the user gave one (or a default). */
    public Optional<URI> forService(String signingName) {
        URI named = byService.get(signingName);
        return named != null ? Optional.of(named) : fallback;
    }

    private static URI url(String text, String flag) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (http && uri.getHost() != null && bare && uri.getRawQuery() == null && uri.getUserInfo() == null) {
                return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost(), uri.getPort(), null, null, null);
            }
        } catch (URISyntaxException e) {
            // Reported below with the flag.
        }
        throw new IllegalArgumentException("--upstream '" + flag + "': the URL must be http://HOST[:PORT] or https://HOST[:PORT], not '" + text + "'");
    }
}
