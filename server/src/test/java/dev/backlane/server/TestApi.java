package dev.backlane.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backlane.core.analysis.PathEngine;
import dev.backlane.core.data.RegionCatalog;
import dev.backlane.core.model.IdSource;
import dev.backlane.core.model.Scope;
import dev.backlane.core.network.DefaultVpcInitializer;
import dev.backlane.core.network.Quotas;
import dev.backlane.core.network.VpcCommands;
import dev.backlane.core.world.ChangeSink;
import dev.backlane.core.world.Cloud;
import dev.backlane.core.world.World;
import dev.backlane.server.api.ApiDispatcher;
import dev.backlane.server.api.ApiResponse;
import dev.backlane.server.protocol.Protocol;
import dev.backlane.server.protocol.ServiceEndpoint;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Calls the AWS APIs in-process, without sockets: an in-memory cloud with sequential IDs and a fixed
 * clock, the real dispatcher and models. Responses are parsed so tests can ask for values by XPath
 * (namespace-free: {@code //vpcSet/item/vpcId}).
 */
public final class TestApi {
    public static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Map<String, ServiceEndpoint> SERVICES = Map.of(
            "ec2", ServiceEndpoint.load("ec2", "ec2-2016-11-15.service-2.json"),
            "sts", ServiceEndpoint.load("sts", "sts-2011-06-15.service-2.json"),
            "elasticloadbalancing", ServiceEndpoint.load("elasticloadbalancing", "elbv2-2015-12-01.service-2.json"),
            "logs", ServiceEndpoint.load("logs", "logs-2014-03-28.service-2.json"),
            "route53resolver", ServiceEndpoint.load("route53resolver", "route53resolver-2018-04-01.service-2.json"),
            "monitoring", ServiceEndpoint.load("monitoring", "cloudwatch-2010-08-01.service-2.json"));

    private final ApiDispatcher dispatcher;
    private final Cloud cloud;
    private Scope scope = new Scope("000000000000", "us-east-1");

    public TestApi() {
        this(Quotas.awsDefaults());
    }

    public TestApi(Quotas quotas) {
        this(quotas, InstantSource.fixed(NOW));
    }

    /** With a clock the test controls, for states that change over time. */
    public TestApi(Quotas quotas, InstantSource clock) {
        this.cloud = new Cloud(World.empty(), clock, IdSource.sequential(),
                new DefaultVpcInitializer(RegionCatalog.standard(), new VpcCommands(quotas)), ChangeSink.none());
        this.dispatcher = new ApiDispatcher(SERVICES, Operations.registry(quotas, RegionCatalog.standard(), new PathEngine(cloud::now)), cloud);
    }

    public Cloud cloud() {
        return cloud;
    }

    /** The scope calls are made in. */
    public Scope scope() {
        return scope;
    }

    /** Acts as another account or region from now on. */
    public TestApi as(String account, String region) {
        scope = new Scope(account, region);
        return this;
    }

    /** Calls an EC2 action with name/value pairs. */
    public Response ec2(String action, String... parameters) {
        return call("ec2", action, parameters);
    }

    public Response call(String service, String action, String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Action", action);
        map.put("Version", SERVICES.get(service).model().apiVersion());
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        // A form is a Query call, also to a service whose model prefers another protocol.
        ServiceEndpoint endpoint = SERVICES.get(service).speaking(Protocol.QUERY).orElse(SERVICES.get(service));
        ApiResponse response = dispatcher.dispatch(endpoint, scope, map);
        return new Response(response.status(), response.body());
    }

    /** Calls an awsJson operation ({@code logs}) with its JSON body, as {@code X-Amz-Target} would name it. */
    public JsonResponse json(String service, String operation, String body) {
        ServiceEndpoint endpoint = SERVICES.get(service).speaking(Protocol.JSON).orElseThrow();
        ApiResponse response = dispatcher.dispatchJson(endpoint, scope, endpoint.model().targetPrefix() + "." + operation,
                body.getBytes(StandardCharsets.UTF_8));
        return new JsonResponse(response.status(), response.contentType(), response.body());
    }

    /** The whole answer to an awsJson call, headers included. */
    public ApiResponse jsonAnswer(String service, String operation, String body) {
        ServiceEndpoint endpoint = SERVICES.get(service).speaking(Protocol.JSON).orElseThrow();
        return dispatcher.dispatchJson(endpoint, scope, endpoint.model().targetPrefix() + "." + operation, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Calls a Smithy RPC v2 CBOR operation with its CBOR body, at the path that names it. */
    public ApiResponse cbor(String service, String operation, byte[] body) {
        ServiceEndpoint endpoint = SERVICES.get(service).speaking(Protocol.RPC_V2_CBOR).orElseThrow();
        return dispatcher.dispatchCbor(endpoint, scope, "/service/" + endpoint.model().targetPrefix() + "/operation/" + operation, body);
    }

    /** An awsJson response. */
    public record JsonResponse(int status, String contentType, String body) {
        public com.fasterxml.jackson.databind.JsonNode tree() {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("response is not JSON: " + body, e);
            }
        }
    }

    /** A response, its XML parsed without namespaces. */
    public record Response(int status, String body) {
        public Document document() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(false);
                return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("response is not XML: " + body, e);
            }
        }

        /** The text of the first node the XPath selects, or null. */
        public String text(String xpath) {
            List<String> all = texts(xpath);
            return all.isEmpty() ? null : all.get(0);
        }

        public List<String> texts(String xpath) {
            try {
                NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document(), XPathConstants.NODESET);
                List<String> values = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    values.add(nodes.item(i).getTextContent());
                }
                return values;
            } catch (javax.xml.xpath.XPathExpressionException e) {
                throw new AssertionError(e);
            }
        }

        /** The error code of an error response. */
        public String errorCode() {
            String code = text("//Error/Code");
            if (code == null) {
                throw new AssertionError("not an error: " + body);
            }
            return code;
        }

        public Response assertOk() {
            assertEquals(200, status, body);
            return this;
        }

        /** Asserts an error response with this code and HTTP status 400 (or the given status). */
        public Response assertError(String code) {
            return assertError(400, code);
        }

        public Response assertError(int expectedStatus, String code) {
            assertEquals(expectedStatus, status, body);
            assertEquals(code, errorCode(), body);
            return this;
        }
    }
}
