package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.backlane.core.analysis.DnsAnswer;
import dev.backlane.core.analysis.DnsRecord;
import dev.backlane.core.analysis.DnsRecordTypes;
import dev.backlane.core.analysis.VpcDnsView;
import dev.backlane.core.analysis.WorldIndex;
import dev.backlane.dataplane.dns.DnsListeners;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DNS admin endpoints: {@code GET /_backlane/dns} lists each VPC's resolver listener, {@code POST
 * /_backlane/dns?vpc=ID} opens the VPC's (or gives the one it has), and {@code GET
 * /_backlane/dns/answer?vpc=ID&name=NAME&type=A} answers a question in the VPC's view with the code its
 * listener answers with, saying what answered.
 */
public final class DnsHttpHandler implements HttpHandler {
    public static final String PATH = "/_backlane/dns";
    private static final String ANSWER_PATH = PATH + "/answer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DnsListeners listeners;
    private final Supplier<WorldIndex> world;
    private final VpcDnsView view;

    public DnsHttpHandler(DnsListeners listeners, Supplier<WorldIndex> world, VpcDnsView view) {
        this.listeners = requireNonNull(listeners, "listeners is null");
        this.world = requireNonNull(world, "world is null");
        this.view = requireNonNull(view, "view is null");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals(PATH) && method.equals("GET")) {
                ArrayNode all = JSON.createArrayNode();
                listeners.listeners().values().forEach(listener -> all.add(listener(listener)));
                send(exchange, 200, JSON.createObjectNode().set("listeners", all));
            } else if (path.equals(PATH) && method.equals("POST")) {
                Optional<String> vpcId = required(exchange, query, "vpc");
                if (vpcId.isPresent()) {
                    Optional<DnsListeners.Listener> listener = listeners.open(vpcId.get());
                    if (listener.isPresent()) {
                        send(exchange, 200, listener(listener.get()));
                    } else {
                        send(exchange, 400, noSuchVpc(vpcId.get()));
                    }
                }
            } else if (path.equals(ANSWER_PATH) && method.equals("GET")) {
                answer(exchange, query);
            } else if (path.equals(PATH) || path.equals(ANSWER_PATH)) {
                send(exchange, 405, error("method not allowed"));
            } else {
                send(exchange, 404, error("not found"));
            }
        }
    }

    private void answer(HttpExchange exchange, Map<String, String> query) throws IOException {
        Optional<String> vpcId = required(exchange, query, "vpc");
        if (vpcId.isEmpty()) {
            return;
        }
        Optional<String> name = required(exchange, query, "name");
        if (name.isEmpty()) {
            return;
        }
        String typeText = query.getOrDefault("type", "A");
        Optional<Integer> type = DnsRecordTypes.number(typeText);
        if (type.isEmpty()) {
            send(exchange, 400, error("Value (" + typeText + ") for parameter type is invalid. Give a record type such as A or AAAA, or its number."));
            return;
        }
        WorldIndex index = world.get();
        Optional<VpcDnsView.VpcInScope> vpc = VpcDnsView.locate(index, vpcId.get());
        if (vpc.isEmpty()) {
            send(exchange, 400, noSuchVpc(vpcId.get()));
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("vpcId", vpcId.get()).put("name", name.get()).put("type", DnsRecordTypes.name(type.get()));
        Optional<DnsAnswer> answer = view.answer(index, vpc.get(), name.get(), type.get());
        if (answer.isEmpty()) {
            body.putNull("rcode");
            body.set("answers", JSON.createArrayNode());
            body.put("answeredBy", "nothing: " + vpcId.get() + " has enableDnsSupport false, so its resolver does not answer");
        } else {
            body.put("rcode", answer.get().rcode().name());
            ArrayNode records = body.putArray("answers");
            for (DnsRecord record : answer.get().records()) {
                records.addObject().put("name", record.name()).put("type", record.typeName()).put("ttl", record.ttl()).put(record.type() == VpcDnsView.TYPE_A ? "address" : "target", record.rdata());
            }
            body.put("answeredBy", answer.get().answeredBy());
        }
        send(exchange, 200, body);
    }

    private static ObjectNode listener(DnsListeners.Listener listener) {
        return JSON.createObjectNode().put("vpcId", listener.vpcId()).put("address", listener.address().getAddress().getHostAddress())
                .put("port", listener.address().getPort());
    }

    private static Optional<String> required(HttpExchange exchange, Map<String, String> query, String name) throws IOException {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            send(exchange, 400, error("The request must contain the parameter " + name + "."));
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    private static ObjectNode noSuchVpc(String vpcId) {
        return error("The vpc ID '" + vpcId + "' does not exist");
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.putIfAbsent(key, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
