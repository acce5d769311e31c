package dev.backlane.server.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One request read by Netty, presented to the handlers as the JDK server's {@link HttpExchange}, so that
 * they do not know which server runs them. The request is whole (its body already read); the answer is
 * buffered and handed over as one {@link FullHttpResponse} when the exchange is closed.
 */
final class NettyExchange extends HttpExchange {
    private final FullHttpRequest request;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final InputStream requestBody;
    private final ByteArrayOutputStream responseBuffer = new ByteArrayOutputStream();
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final RouteContext context;
    private final Consumer<FullHttpResponse> answer;
    private final Map<String, Object> attributes = new HashMap<>();
    private OutputStream responseBody = new ResponseBody();
    private InputStream body;
    private int status = -1;
    private boolean closed;
    private HttpPrincipal principal;

    /** {@code answer} receives the response once, when the exchange is closed; the request's content is released then too. */
    NettyExchange(FullHttpRequest request, URI uri, RouteContext context, InetSocketAddress local, InetSocketAddress remote,
            Consumer<FullHttpResponse> answer) {
        this.request = request;
        this.context = context;
        this.uri = uri;
        this.local = local;
        this.remote = remote;
        this.answer = answer;
        for (Map.Entry<String, String> header : request.headers()) {
            requestHeaders.add(header.getKey(), header.getValue());
        }
        this.requestBody = new ByteBufInputStream(request.content());
        this.body = requestBody;
    }

    /** Whether the handler has sent its status line yet. */
    boolean responded() {
        return status != -1;
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return request.method().name();
    }

    /** The context of the route that answers this request. */
    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    /**
     * As the JDK's: {@code length} above zero is the exact body length, zero an unknown length, -1 no
     * body. The body is buffered either way and its length sent as {@code Content-Length}.
     */
    @Override
    public void sendResponseHeaders(int rCode, long length) throws IOException {
        if (responded()) {
            throw new IOException("headers already sent");
        }
        status = rCode;
        if (length == -1) {
            close();
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return request.protocolVersion().text();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            body = in;
        }
        if (out != null) {
            responseBody = out;
        }
    }

    /** The principal the route's authenticator accepted; null when the route has none. */
    @Override
    public HttpPrincipal getPrincipal() {
        return principal;
    }

    void setPrincipal(HttpPrincipal principal) {
        this.principal = principal;
    }

    /** Sends the answer (a 500 if the handler never sent a status) and releases the request. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        request.release();
        answer.accept(response(responded() ? status : 500));
    }

    private FullHttpResponse response(int code) {
        byte[] bytes = responseBuffer.toByteArray();
        boolean head = HttpMethod.HEAD.equals(request.method());
        HttpResponseStatus statusLine = HttpResponseStatus.valueOf(code);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, statusLine,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        response.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        // 1xx, 204 and 304 answers have no body and no length (RFC 9110 8.6); a HEAD answer names the length a GET would have.
        if (code >= 200 && code != 204 && code != 304) {
            HttpUtil.setContentLength(response, bytes.length);
        } else {
            response.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        return response;
    }

    /** Buffers what the handler writes; writing after it is closed fails as the JDK's stream does. */
    private final class ResponseBody extends OutputStream {
        private boolean bodyClosed;

        @Override
        public void write(int b) throws IOException {
            check();
            responseBuffer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            check();
            responseBuffer.write(bytes, offset, length);
        }

        private void check() throws IOException {
            if (!responded()) {
                throw new IOException("response headers not sent yet");
            }
            if (bodyClosed) {
                throw new IOException("response body is closed");
            }
        }

        /** As with the JDK's server, closing the body ends the exchange: the answer goes out now. */
        @Override
        public void close() {
            bodyClosed = true;
            NettyExchange.this.close();
        }
    }
}
