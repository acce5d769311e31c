package dev.backlane.server.api;

import dev.backlane.core.error.AwsException;
import java.util.Optional;

/** Asked about every call on the API port once its operation is known: the error to answer it with instead, if any. */
@FunctionalInterface
public interface CallGate {
    /** A gate that lets every call through. */
    CallGate OPEN = (service, caller, operation) -> Optional.empty();

    Optional<AwsException> refusal(String service, Caller caller, String operation);
}
