package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Route} as the JDK server's handlers know it: the {@link HttpContext} of the exchanges it
 * answers. As with the JDK server, its filters run before its handler, its authenticator (if set) decides
 * first, and a handler set later answers the requests that follow. One per route, shared by every
 * connection of the port.
 */
final class RouteContext extends HttpContext {
    private final Route route;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private volatile HttpHandler handler;
    private volatile Authenticator authenticator;

    RouteContext(Route route) {
        this.route = requireNonNull(route, "route is null");
        this.handler = route.handler();
    }

    Route route() {
        return route;
    }

    /** Answers the exchange as the JDK server's context would: authenticator, then filters, then handler. */
    void handle(NettyExchange exchange) throws IOException {
        Authenticator deciding = authenticator;
        if (deciding != null) {
            Authenticator.Result result = deciding.authenticate(exchange);
            if (result instanceof Authenticator.Success success) {
                exchange.setPrincipal(success.getPrincipal());
            } else if (result instanceof Authenticator.Failure failure) {
                exchange.sendResponseHeaders(failure.getResponseCode(), -1);
                return;
            } else if (result instanceof Authenticator.Retry retry) {
                exchange.sendResponseHeaders(retry.getResponseCode(), -1);
                return;
            }
        }
        new Filter.Chain(filters, handler).doFilter(exchange);
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
        this.handler = requireNonNull(handler, "handler is null");
    }

    @Override
    public String getPath() {
        return route.prefix();
    }

    /** Null: the port is Netty's {@link ApiPort}, not a JDK {@link HttpServer}. */
    @Override
    public HttpServer getServer() {
        return null;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator authenticator) {
        Authenticator previous = this.authenticator;
        this.authenticator = authenticator;
        return previous;
    }

    @Override
    public Authenticator getAuthenticator() {
        return authenticator;
    }
}
