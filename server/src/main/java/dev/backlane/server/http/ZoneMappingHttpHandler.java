package dev.backlane.server.http;

import static dev.backlane.server.http.JsonAnswers.error;
import static dev.backlane.server.http.JsonAnswers.send;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import dev.backlane.core.model.AvailabilityZone;
import dev.backlane.core.model.ResourceTypes;
import dev.backlane.core.model.Scope;
import dev.backlane.core.model.ZoneMapping;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.zone.ZoneMappingCommands;
import dev.backlane.core.zone.ZoneMappings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /_backlane/zone-mappings/ACCOUNT/REGION}: an account's zone mapping in a region. {@code GET}
 * gives it ({@code pinned} says whether it was pinned or is the derived one), {@code PUT} with
 * {@code {"zones": {"us-east-1a": "use1-az4", ...}}} pins one (stored like any other change), and
 * {@code DELETE} removes the pin. Each answers {@code {"account", "region", "pinned", "zones": [{"name", "id"}]}};
 * a mapping that is not a pairing of the region's zones is 400, one that can no longer change
 * (the account already placed resources in its zones) is 409.
 */
public final class ZoneMappingHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/zone-mappings/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TARGET = Pattern.compile(Pattern.quote(PATH) + "(\\d{12})/([a-z0-9-]+)");

    private final Cloud cloud;
    private final ZoneMappings mappings;
    private final ZoneMappingCommands commands;

    public ZoneMappingHttpHandler(Cloud cloud) {
        this.cloud = requireNonNull(cloud, "cloud is null");
        this.mappings = ZoneMappings.standard();
        this.commands = new ZoneMappingCommands(mappings);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher target = TARGET.matcher(exchange.getRequestURI().getPath());
            if (!target.matches()) {
                send(exchange, 404, error("expected " + PATH + "ACCOUNT/REGION with a 12-digit account"));
                return;
            }
            Scope scope = new Scope(target.group(1), target.group(2));
            if (mappings.regions().region(scope.region()).isEmpty()) {
                send(exchange, 404, error("unknown region: " + scope.region()));
                return;
            }
            try {
                switch (exchange.getRequestMethod()) {
                    case "GET" -> send(exchange, 200, answer(scope, mappings.of(cloud.snapshot(scope), scope), isPinned(scope)));
                    case "PUT" -> {
                        Map<String, String> zones = zones(exchange.getRequestBody());
                        ZoneMapping pinned = cloud.write(scope, transaction -> commands.pin(transaction, zones));
                        send(exchange, 200, answer(scope, pinned, true));
                    }
                    case "DELETE" -> send(exchange, 200, answer(scope, cloud.write(scope, commands::unpin), false));
                    default -> send(exchange, 405, error("method not allowed"));
                }
            } catch (IllegalArgumentException e) {
                send(exchange, 400, error(e.getMessage()));
            } catch (AwsException e) {
                send(exchange, e.code() == ErrorCode.INCORRECT_STATE ? 409 : e.code().httpStatus(), error(e.getMessage()));
            }
        }
    }

    private boolean isPinned(Scope scope) {
        return cloud.snapshot().find(scope, ResourceTypes.ZONE_MAPPING, scope.region()).isPresent();
    }

    private static Map<String, String> zones(InputStream body) throws IOException {
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage());
        }
        JsonNode zones = document == null ? null : document.get("zones");
        if (zones == null || !zones.isObject()) {
            throw new IllegalArgumentException("expected {\"zones\": {\"ZONE_NAME\": \"ZONE_ID\", ...}}");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = zones.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("the zone ID of " + field.getKey() + " must be a string");
            }
            pairs.put(field.getKey(), field.getValue().textValue());
        }
        return pairs;
    }

    private static String answer(Scope scope, ZoneMapping mapping, boolean pinned) {
        ObjectNode answer = JSON.createObjectNode().put("account", scope.account()).put("region", scope.region()).put("pinned", pinned);
        var zones = answer.putArray("zones");
        for (AvailabilityZone zone : mapping.zones()) {
            zones.addObject().put("name", zone.name()).put("id", zone.id());
        }
        return answer.toString();
    }
}
