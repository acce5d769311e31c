package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every AWS service by its SigV4 signing name (the service of a credential scope): the protocols its
 * clients speak, preferred first, and its service IDs. Read from {@code service-protocols.tsv}, a table
 * derived from botocore's service models, so that a request for a service Backlane does not serve can
 * be refused in a form its client understands.
 */
public final class ServiceProtocols {
    private static final String RESOURCE = "/dev/backlane/server/models/service-protocols.tsv";

    /** One service: its signing name, protocols (never empty) and service IDs ({@code S3 / S3 Control}). */
    public record KnownService(String signingName, List<WireProtocol> protocols, String serviceIds) {
        public KnownService {
            requireNonNull(signingName, "signingName is null");
            protocols = List.copyOf(protocols);
            if (protocols.isEmpty()) {
                throw new IllegalArgumentException("no protocol for " + signingName);
            }
            requireNonNull(serviceIds, "serviceIds is null");
        }
    }

    private final Map<String, KnownService> bySigningName;

    private ServiceProtocols(Map<String, KnownService> bySigningName) {
        this.bySigningName = Map.copyOf(bySigningName);
    }

    public static ServiceProtocols standard() {
        try (InputStream in = ServiceProtocols.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceProtocols parse(BufferedReader reader) throws IOException {
        Map<String, KnownService> services = new HashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 3) {
                throw new IllegalStateException("malformed line in " + RESOURCE + ": " + line);
            }
            List<WireProtocol> protocols = new ArrayList<>();
            for (String name : columns[1].split(",")) {
                WireProtocol.of(name).ifPresent(protocols::add);
            }
            if (!protocols.isEmpty()) {
                services.put(columns[0], new KnownService(columns[0], protocols, columns[2]));
            }
        }
        return new ServiceProtocols(services);
    }

    public Optional<KnownService> find(String signingName) {
        return Optional.ofNullable(bySigningName.get(signingName));
    }

    /**
     * What a client of the service speaks, read from its request's headers ({@code header} gives a header's first
     * value or null): what the request says where that is unambiguous (a CBOR or awsJson request, a Query form), else
     * what the service's model prefers for requests that carry no such mark.
     */
    public static WireProtocol spokenBy(Optional<KnownService> known, Function<String, String> header) {
        String contentType = Optional.ofNullable(header.apply("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        if ("rpc-v2-cbor".equalsIgnoreCase(header.apply("smithy-protocol")) || contentType.startsWith("application/cbor")) {
            return WireProtocol.RPC_V2_CBOR;
        }
        if (header.apply("X-Amz-Target") != null || contentType.startsWith("application/x-amz-json")) {
            return WireProtocol.JSON;
        }
        boolean form = contentType.startsWith("application/x-www-form-urlencoded");
        if (known.isEmpty()) {
            return form ? WireProtocol.QUERY : WireProtocol.REST_JSON;
        }
        if (form) {
            return known.get().protocols().contains(WireProtocol.EC2) ? WireProtocol.EC2 : WireProtocol.QUERY;
        }
        return known.get().protocols().stream()
                .filter(protocol -> protocol != WireProtocol.JSON && protocol != WireProtocol.RPC_V2_CBOR)
                .findFirst()
                .orElse(known.get().protocols().get(0));
    }
}
