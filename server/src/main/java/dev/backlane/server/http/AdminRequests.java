package dev.backlane.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the admin endpoints that place things in the emulated network read their JSON bodies: the scope
 * ({@code account} and {@code region}, the server's by default), strings, lists and integers, each refused with EC2's
 * {@code InvalidParameterValue} naming the member; and how they answer a refusal.
 */
final class AdminRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminRequests() {}

    /** The body's account and region, else the defaults; a malformed account or an unknown region is refused. */
    static Scope scope(JsonNode body, Scope defaults, RegionCatalog regions) {
        Scope scope = new Scope(text(body, "account").orElse(defaults.account()), text(body, "region").orElse(defaults.region()));
        if (!scope.account().matches("\\d{12}")) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter account is invalid. Expected 12 digits.", scope.account());
        }
        if (regions.region(scope.region()).isEmpty()) {
            throw AwsException.of(ErrorCode.INVALID_REGION_NOT_FOUND, "The region '%s' does not exist", scope.region());
        }
        return scope;
    }

    static Optional<String> text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected a non-empty string.", value, name);
        }
        return Optional.of(value.textValue().trim());
    }

    static List<String> texts(JsonNode body, String name) {
        JsonNode value = body.get(name);
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isArray()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected a list of strings.", value, name);
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected a list of strings.", value,
                        name);
            }
            values.add(element.textValue().trim());
        }
        return values;
    }

    static OptionalInt integer(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "Value (%s) for parameter %s is invalid. Expected an integer.", value, name);
        }
        return OptionalInt.of(value.intValue());
    }

    /** An error as the admin endpoints give it, led by the AWS code the cloud refused with (also on its own in {@code code}). */
    static String refusal(String code, String message) {
        return JSON.createObjectNode().put("error", code + ": " + message).put("code", code).toString();
    }

    /** The status of a refusal: 400 for what the caller got wrong, the code's own for the rest (503 for throttling). */
    static int status(AwsException refused) {
        return refused.code().httpStatus() >= 500 ? refused.code().httpStatus() : 400;
    }
}
