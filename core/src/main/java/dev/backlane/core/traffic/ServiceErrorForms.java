package dev.backlane.core.traffic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlane.core.error.ErrorCode;

/**
 * A data file of how AWS services word one kind of error ({@code byService} by signing name, else {@code byProtocol}
 * by the service's protocol): the form for a service, and its code and status as an {@link ErrorCode} of the
 * catalogue, which must have it.
 */
final class ServiceErrorForms {
    private final String resource;
    private final JsonNode data;

    ServiceErrorForms(String resource) {
        this.resource = requireNonNull(resource, "resource is null");
        this.data = DataResource.read(resource);
    }

    /** The service's own form, else its protocol's (awsJson when a service speaks several). */
    JsonNode form(String service) {
        JsonNode byService = data.path("byService").get(service);
        if (byService != null) {
            return byService;
        }
        String protocol = RequestBindings.standard().bySigningName(service).map(found -> found.protocols().contains("json") ? "json"
                : found.protocols().iterator().next()).orElse("json");
        return data.path("byProtocol").path(protocol);
    }

    /** The catalogue's code of a form. */
    ErrorCode errorCode(JsonNode form) {
        String code = form.path("code").asText();
        int status = form.path("status").asInt();
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.code().equals(code) && candidate.httpStatus() == status) {
                return candidate;
            }
        }
        throw new IllegalStateException(resource + " names " + code + " (" + status + "), which the error catalogue lacks");
    }
}
