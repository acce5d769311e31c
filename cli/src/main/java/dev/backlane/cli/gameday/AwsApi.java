package dev.backlane.cli.gameday;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.core.traffic.SigV4;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The AWS APIs a game day drives on the server itself, signed as the scenario's account: EC2 (AWS Query, to build
 * and take down its world) and FIS (REST-JSON, to make and start experiment templates). A refusal becomes a
 * {@link GamedayFailure} quoting AWS's code and message.
 */
final class AwsApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminClient server;
    private final SigV4 signer;
    private final String host;

    AwsApi(AdminClient server, String account, String region) {
        this.server = server;
        this.signer = new SigV4(account, "backlane-gameday", region);
        URI endpoint = server.endpoint();
        this.host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    /** An EC2 action with its parameters (in order); the answer's XML. */
    Document ec2(String action, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2016-11-15");
        form.putAll(parameters);
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value)));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send("ec2", "POST", "/", bytes, "application/x-www-form-urlencoded; charset=utf-8");
        Document document = xml(response.body());
        if (response.statusCode() != 200) {
            throw new GamedayFailure("EC2 " + action + " was refused (HTTP " + response.statusCode() + "): " + first(document, "Code") + ": "
                    + first(document, "Message"));
        }
        return document;
    }

    /** A FIS request; the answer's JSON. */
    JsonNode fis(String method, String path, JsonNode body) {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send("fis", method, path, bytes, "application/json");
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GamedayFailure("FIS " + method + " " + path + " answered with what is not JSON (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != 200) {
            throw new GamedayFailure("FIS " + method + " " + path + " was refused (HTTP " + response.statusCode() + "): "
                    + answer.path("message").asText(answer.toString()));
        }
        return answer;
    }

    private HttpResponse<byte[]> send(String service, String method, String path, byte[] body, String contentType) {
        String[] headers = signer.headers(service, method, host, path, "", body, Instant.now());
        HttpRequest.Builder request = server.request(path).header("Content-Type", contentType).headers(headers)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return server.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The text of the first element named {@code name}, or "" when there is none. */
    static String first(Document document, String name) {
        NodeList found = document.getElementsByTagName(name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
    }

    /** The texts of every element named {@code name}. */
    static List<String> all(Document document, String name) {
        NodeList found = document.getElementsByTagName(name);
        List<String> texts = new ArrayList<>();
        for (int index = 0; index < found.getLength(); index++) {
            texts.add(((Element) found.item(index)).getTextContent().strip());
        }
        return texts;
    }

    private static Document xml(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw CommandFailure.unreachable("Backlane's EC2 API answered with what is not XML: " + e.getMessage());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
