package dev.backlane.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Netty does for the handlers: framing, limits, 100-continue, keep-alive, routing; over real sockets. */
class ApiPortTest {
    private static final int LIMIT = 1024;

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private ExecutorService executor;
    private ApiPort port;

    /** Answers "<route> <method> <path> <body length> <body>", and records the client's port. */
    private void echo(String name, HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        byte[] body = exchange.getRequestBody().readAllBytes();
        byte[] answer = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body.length + " "
                + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @BeforeEach
    void open() throws IOException {
        executor = Executors.newFixedThreadPool(4);
        port = ApiPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(
                new Route("/", exchange -> echo("api", exchange), LIMIT + 1, true),
                new Route("/_admin/", exchange -> echo("admin", exchange), LIMIT, false),
                new Route("/_admin/special", exchange -> echo("special", exchange), LIMIT, false)), executor);
    }

    @AfterEach
    void close() {
        port.close();
        executor.shutdownNow();
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(port.address().getAddress(), port.address().getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void routesToTheLongestMatchingPrefix() throws IOException {
        String answers = exchange("GET /_admin/special/x HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /_admin/other HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /?Action=X HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(answers.contains("special GET /_admin/special/x 0"), answers);
        assertTrue(answers.contains("admin GET /_admin/other 0"), answers);
        assertTrue(answers.endsWith("api GET / 0 "), answers);
    }

    @Test
    void aHandlerSeesItsRoutesContextWhoseFiltersRunBeforeItOnLaterRequests() throws IOException {
        port.close();
        port = ApiPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(new Route("/_ctx/", exchange -> {
            HttpContext context = exchange.getHttpContext();
            byte[] answer = (context.getPath() + " " + exchange.getAttribute("filtered")).getBytes(StandardCharsets.UTF_8);
            if (context.getFilters().isEmpty()) {
                context.getFilters().add(Filter.beforeHandler("marks the exchange", marked -> marked.setAttribute("filtered", "yes")));
            }
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }, LIMIT, false)), executor);

        String answers = exchange("GET /_ctx/a HTTP/1.1\r\nHost: a\r\n\r\nGET /_ctx/b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertTrue(answers.contains("/_ctx/ null"), answers);
        assertTrue(answers.endsWith("/_ctx/ yes"), answers);
    }

    @Test
    void aBodyOverARefusingRoutesLimitIs413() throws IOException {
        String answer = exchange("POST /_admin/x HTTP/1.1\r\nHost: a\r\nContent-Length: " + (LIMIT + 1) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    }

    @Test
    void aChunkedBodyOverARefusingRoutesLimitIs413() throws IOException {
        String chunk = "a".repeat(600);
        String answer = exchange("POST /_admin/x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    }

    @Test
    void aTruncatingRouteGetsTheBodyCutToItsLimitAndAnswersItself() throws IOException {
        String answer = exchange("POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: 5000\r\n\r\n" + "a".repeat(5000));
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.contains("api POST / " + (LIMIT + 1) + " "), answer);
    }

    @Test
    void aMalformedRequestLineIs400AndTheConnectionCloses() throws IOException {
        String answer = exchange("THIS IS NOT HTTP\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
    }

    @Test
    void oversizedHeadersAre431() throws IOException {
        String answer = exchange("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(ApiPort.MAX_HEADER_BYTES + 10) + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
    }

    @Test
    void aChunkedBodyReachesTheHandlerWhole() throws IOException {
        String answer = exchange("POST /?x=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "7\r\nAction=\r\n9\r\nDescribeX\r\n0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.endsWith("api POST / 16 Action=DescribeX"), answer);
    }

    @Test
    void expectContinueGets100BeforeTheBodyIsSent() throws IOException {
        try (Socket socket = new Socket(port.address().getAddress(), port.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String interim = readHead(in);
            assertTrue(interim.startsWith("HTTP/1.1 100 Continue"), interim);
            out.write("body".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(rest.startsWith("HTTP/1.1 200 "), rest);
            assertTrue(rest.endsWith("api POST / 4 body"), rest);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void headAnswersTheLengthWithoutTheBody() throws IOException {
        String answer = exchange("HEAD /abc HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        assertTrue(answer.toLowerCase().contains("content-length: 16\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), answer);
    }

    @Test
    void keepAliveServesManyRequestsOverOneConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.address().getPort() + "/n" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("call" + i)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("api POST /n" + i + " " + ("call" + i).length() + " call" + i, response.body());
        }
        assertEquals(1, clientPorts.size(), "one connection, reused: " + clientPorts);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            requests.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: a\r\n").append(i == 9 ? "Connection: close\r\n" : "").append("\r\n");
        }
        String answers = exchange(requests.toString());
        int from = 0;
        for (int i = 0; i < 10; i++) {
            int at = answers.indexOf("api GET /p" + i + " 0", from);
            assertTrue(at >= from, "answer " + i + " in order: " + answers);
            from = at;
        }
    }

    @Test
    void aHandlerThatThrowsBeforeAnsweringGets500() throws IOException {
        port.close();
        port = ApiPort.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), List.of(
                new Route("/", exchange -> {
                    throw new IllegalStateException("broken");
                }, LIMIT, false)), executor);
        String answer = exchange("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 500 "), answer);
    }
}
