package dev.backlane.server.http;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last stage of a connection's pipeline: gathers each request's body (fixed-length or chunked) up
 * to its route's limit, then runs the route's handler on the executor with a {@link NettyExchange} and
 * writes its answer. One request per connection is in a handler at a time; reading pauses meanwhile.
 * Not shared: one per connection.
 */
final class ExchangeDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = Logger.getLogger(ExchangeDispatcher.class.getName());

    private final Map<Route, RouteContext> contexts;
    private final Executor executor;
    private final ArrayDeque<Held> waiting = new ArrayDeque<>();
    private boolean busy;
    // The request whose body is being read, if any.
    private HttpRequest head;
    private URI uri;
    private Route route;
    private CompositeByteBuf body;
    // After a refusal, the rest of that request's body is dropped until its last part.
    private boolean dropping;

    /** {@code contexts}: each route's context, longest prefix first. */
    ExchangeDispatcher(Map<Route, RouteContext> contexts, Executor executor) {
        this.contexts = contexts;
        this.executor = executor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (object.decoderResult().isFailure()) {
                refuse(ctx, failureStatus(object.decoderResult().cause()), "The request could not be parsed.");
                return;
            }
            if (object instanceof HttpRequest request) {
                begin(ctx, request);
            }
            if (object instanceof HttpContent content && !dropping && head != null) {
                append(ctx, content);
            }
            if (object instanceof LastHttpContent last) {
                if (dropping) {
                    dropping = false;
                } else if (head != null) {
                    finish(ctx, last);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        try {
            uri = new URI(request.uri());
        } catch (URISyntaxException malformed) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "The request target is not a URI: " + malformed.getMessage());
            return;
        }
        route = route(uri.getPath());
        if (route == null) {
            refuse(ctx, HttpResponseStatus.NOT_FOUND, "No context found for request");
            return;
        }
        if (!route.truncate() && HttpUtil.getContentLength(request, 0L) > route.bodyLimit()) {
            refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body exceeds " + route.bodyLimit() + " bytes.");
            return;
        }
        head = request;
        body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }

    private void append(ChannelHandlerContext ctx, HttpContent content) {
        int room = (int) Math.min(Integer.MAX_VALUE, route.bodyLimit() - body.readableBytes());
        int size = content.content().readableBytes();
        if (size > room && !route.truncate()) {
            refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "The request body exceeds " + route.bodyLimit() + " bytes.");
            return;
        }
        // A truncating route keeps what fits; its handler sees a body at its limit and refuses it itself.
        int kept = Math.min(size, room);
        if (kept > 0) {
            body.addComponent(true, content.content().retainedSlice(content.content().readerIndex(), kept));
        }
    }

    private void finish(ChannelHandlerContext ctx, LastHttpContent last) {
        DefaultFullHttpRequest whole = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(), body,
                head.headers(), last.trailingHeaders().copy());
        URI target = uri;
        Route handling = route;
        head = null;
        body = null;
        if (busy) {
            waiting.add(new Held(whole, target, handling));
            return;
        }
        dispatch(ctx, whole, target, handling);
    }

    /** A whole request held while an earlier one on the same connection is being answered. */
    private record Held(FullHttpRequest request, URI uri, Route route) {
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, URI target, Route handling) {
        busy = true;
        ctx.channel().config().setAutoRead(false);
        RouteContext context = contexts.get(handling);
        NettyExchange exchange = new NettyExchange(request, target, context, (InetSocketAddress) ctx.channel().localAddress(),
                (InetSocketAddress) ctx.channel().remoteAddress(), response -> ctx.executor().execute(() -> answered(ctx, response)));
        try {
            executor.execute(() -> {
                try {
                    context.handle(exchange);
                } catch (Throwable failure) {
                    LOG.log(Level.SEVERE, "handler failed for " + request.method() + " " + target, failure);
                } finally {
                    exchange.close();
                }
            });
        } catch (RejectedExecutionException stopping) {
            request.release();
            ctx.close();
        }
    }

    private void answered(ChannelHandlerContext ctx, FullHttpResponse response) {
        ctx.writeAndFlush(response);
        busy = false;
        Held next = waiting.poll();
        if (next != null) {
            dispatch(ctx, next.request(), next.uri(), next.route());
        } else {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    private Route route(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        for (Route candidate : contexts.keySet()) {
            if (p.startsWith(candidate.prefix())) {
                return candidate;
            }
        }
        return null;
    }

    private static HttpResponseStatus failureStatus(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
    }

    /** Answers without a handler and closes the connection: what follows on it cannot be trusted to be a request. */
    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        if (body != null) {
            body.release();
            body = null;
        }
        head = null;
        dropping = true;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.release();
            body = null;
        }
        waiting.forEach(held -> held.request().release());
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "connection failed", cause);
        ctx.close();
    }
}
