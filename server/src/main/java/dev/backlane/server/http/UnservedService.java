package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Headers;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.server.protocol.ErrorAnswer;
import dev.backlane.server.protocol.ServiceEndpoint;
import dev.backlane.server.protocol.ServiceProtocols;
import dev.backlane.server.protocol.ServiceProtocols.KnownService;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer to a request signed for a service Backlane does not serve ({@code aws s3 ls} or
 * {@code aws sqs list-queues} pointed at Backlane): an {@code UnsupportedService} error that names the
 * service and the services Backlane does serve, in the protocol the client speaks, so the client prints
 * it as it would an error from AWS instead of failing to parse an EC2 answer.
 */
final class UnservedService {
    private final ServiceProtocols protocols;

    UnservedService(ServiceProtocols protocols) {
        this.protocols = requireNonNull(protocols, "protocols is null");
    }

    ErrorAnswer answer(String signingName, Headers request, Collection<ServiceEndpoint> served, String requestId) {
        Optional<KnownService> known = protocols.find(signingName);
        String name = known.map(service -> service.serviceIds() + " (" + signingName + ")").orElse("'" + signingName + "'");
        String servedNames = served.stream()
                .sorted(Comparator.comparing(ServiceEndpoint::name))
                .map(service -> service.model().serviceId() + " (" + service.name() + ")")
                .collect(Collectors.joining(", "));
        AwsException error = AwsException.of(ErrorCode.UNSUPPORTED_SERVICE,
                "Backlane does not serve %s. The services Backlane serves at this address are: %s.", name, servedNames);
        return ErrorAnswer.of(error, known, request::getFirst, requestId);
    }
}
