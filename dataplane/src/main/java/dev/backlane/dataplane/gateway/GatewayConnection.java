package dev.backlane.dataplane.gateway;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.analysis.PathResult;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.event.GatewayRequestEvent;
import dev.backlane.core.event.GatewayRequestEvent.Outcome;
import dev.backlane.core.traffic.HttpRequestHead;
import dev.backlane.core.traffic.RequestFacts;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to a workload's gateway, one request at a time. The channel does not read on its own:
 * the handler asks for each next message, so a body is pulled from the
 * client only as fast as the upstream takes it, and an answer from the upstream only as fast as the client reads
 * it. Requests are judged by the {@link GatewayDecider} on their head (and a bounded body when it asks), and
 * forwarded, answered or blocked as it decides; every request ends in one {@link GatewayRequestEvent}.
 */
final class GatewayConnection extends ChannelInboundHandlerAdapter implements UpstreamListener {
    private enum State {
        /** Between requests: waiting for the next head. */
        AWAITING_HEAD,
        /** Reading the body the decider asked for into memory. */
        COLLECTING_BODY,
        /** Connecting to the upstream or streaming both ways. */
        FORWARDING,
        /** Answered without forwarding; reading and discarding the rest of the request's body. */
        DRAINING,
        /** BLOCKED in stall mode: nothing is answered, whatever comes is discarded. */
        STALLING,
        /** A CONNECT was judged: the connection is a {@link TunnelConnection}'s now. */
        TUNNELING,
        /** Closing or closed: nothing more is done. */
        CLOSED
    }

    private final GatewayDecider decider;
    private final GatewayConfig config;
    private final UpstreamPool upstreams;
    private final TrafficCounter traffic;
    private final GatewayTransport transport;

    private ChannelHandlerContext ctx;
    private State state = State.AWAITING_HEAD;
    private final ConnectionEvents events;
    /** The stall limit's timer. */
    private ScheduledFuture<?> timer;
    /**
     * The head and idle timeouts' timer, armed once and moved on only when it fires: scheduling and cancelling a
     * timer per request would cost an allocation and a re-armed timerfd on every exchange.
     */
    private ScheduledFuture<?> headTimer;
    private long awaitingSinceNanos;
    private long bytesInWhenAwaiting;
    /** Messages decoded from the client but not yet asked for (a socket read can hold several). */
    private final ArrayDeque<Object> inbox = new ArrayDeque<>();
    private boolean wantMessage;
    private boolean delivering;

    // The exchange in progress.
    private HttpRequest request;
    private boolean requestComplete;
    private boolean sentOwnContinue;
    private CompositeByteBuf collected;
    private HttpHeaders collectedTrailers;
    private long drained;
    private Optional<RequestFacts> facts = Optional.empty();
    private Optional<PathResult> path = Optional.empty();
    private Outcome outcome;
    private int status;
    private final ErrorCodeReader errorCode = new ErrorCodeReader();
    /** What the connection's last call carried, as faults on connections are scoped. */
    private ConnectionTraffic carried;

    // The upstream leg of a forwarded exchange.
    private URI upstreamUri;
    private UpstreamPool.Lease lease;
    private boolean responseStarted;
    private boolean responseComplete;
    private boolean swallowingInformational;
    private boolean retried;
    private boolean upstreamReusable;
    private boolean clientKeepAlive;
    private boolean waitingForUpstreamWritable;
    private boolean waitingForClientWritable;

    // Bodies spliced past both pipelines (BodySplice).
    private HttpRequestDecoder requestDecoder;
    private GatewayResponseEncoder responseEncoder;
    /** Bytes of the request's Content-Length body not yet forwarded; -1 when it is chunked. */
    private long requestBodyLeft = -1;
    /** Bytes of the answer's Content-Length body not yet forwarded; -1 when it is chunked or delimited by a close. */
    private long responseBodyLeft = -1;
    private BodySplice splice;
    /** Between a client read's first message and its end: the decoder may have more of the same read to hand over. */
    private boolean clientReading;
    /** The request's body was asked for during a client read: it is pulled once the read is over. */
    private boolean pullAfterRead;
    private long lastSplicedNanos;
    private final BodySplice.Progress requestSplice = new RequestSplice();
    private final BodySplice.Progress responseSplice = new ResponseSplice();

    GatewayConnection(GatewayDecider decider, GatewayConfig config, UpstreamPool upstreams, TrafficCounter traffic, GatewayTransport transport,
            ConnectionEvents events) {
        this.decider = requireNonNull(decider, "decider is null");
        this.config = requireNonNull(config, "config is null");
        this.upstreams = requireNonNull(upstreams, "upstreams is null");
        this.traffic = requireNonNull(traffic, "traffic is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.events = requireNonNull(events, "events is null");
    }

    /** The connection's opening was published by the {@link ProtocolDetector} that put this handler in place. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        requestDecoder = ctx.pipeline().get(HttpRequestDecoder.class);
        responseEncoder = ctx.pipeline().get(GatewayResponseEncoder.class);
        awaitHead();
        // The first bytes were read before this handler was in place: the first head begins at byte 0.
        bytesInWhenAwaiting = 0;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        clientReading = true;
        inbox.add(msg);
        if (wantMessage && !delivering) {
            deliver();
        }
    }

    /** Asks for the client's next message: one already decoded is handed over at once, else the socket is read. */
    private void next() {
        wantMessage = true;
        if (delivering) {
            return;
        }
        if (inbox.isEmpty()) {
            ctx.read();
        } else {
            deliver();
        }
    }

    private void deliver() {
        delivering = true;
        try {
            while (wantMessage && !inbox.isEmpty()) {
                wantMessage = false;
                handle(inbox.poll());
            }
        } finally {
            delivering = false;
        }
        if (wantMessage && state != State.CLOSED) {
            ctx.read();
        }
    }

    private void handle(Object msg) {
        try {
            if (msg instanceof HttpRequest head) {
                onHead(head);
            }
            if (msg instanceof HttpContent content && !(msg instanceof HttpRequest)) {
                onContent(content);
                return;
            }
        } catch (RuntimeException e) {
            ReferenceCountUtil.safeRelease(msg);
            throw e;
        }
        ReferenceCountUtil.release(msg);
    }

    // ---- Request head -------------------------------------------------------------------------------------------

    private void onHead(HttpRequest head) {
        if (state != State.AWAITING_HEAD) {
            // Stalled, or closing: whatever else the client sends is discarded unread.
            readIfOpen();
            return;
        }
        cancelTimer();
        beginExchange(head);
        if (head.decoderResult().isFailure()) {
            Throwable cause = head.decoderResult().cause();
            reject(GatewayResponses.statusForUnreadable(cause), "the request could not be read: " + GatewayResponses.describe(cause));
            return;
        }
        if (HttpMethod.CONNECT.equals(head.method())) {
            tunnel(head);
            return;
        }
        HttpRequestHead requestHead = toHead(head);
        boolean needsBody;
        try {
            needsBody = decider.needsBody(requestHead);
        } catch (RuntimeException e) {
            deciderFailed(e);
            return;
        }
        if (needsBody) {
            state = State.COLLECTING_BODY;
            collected = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
            if (HttpUtil.is100ContinueExpected(head)) {
                // The decider needs the body before the upstream is chosen, so the gateway asks for it itself,
                // and swallows the upstream's own 100 later.
                sentOwnContinue = true;
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            next();
            return;
        }
        decide(requestHead, Optional.empty());
    }

    /**
     * An HTTP CONNECT (HTTPS_PROXY): the path engine judges a TCP connection to its authority, and a
     * {@link TunnelConnection} takes the connection over to carry out the decision. A target that is no
     * {@code host:port} is answered 400.
     */
    private void tunnel(HttpRequest head) {
        Optional<TunnelRequest> request = ConnectAuthority.parse(head.uri(), remotePort());
        if (request.isEmpty()) {
            reject(HttpResponseStatus.BAD_REQUEST, "CONNECT needs a target of the form host:port (a name or an IPv4 address, a port 1-65535), not '"
                    + head.uri() + "'");
            return;
        }
        TunnelDecision decision;
        try {
            decision = decider.decideTunnel(request.get());
        } catch (RuntimeException e) {
            reject(HttpResponseStatus.BAD_GATEWAY, "the tunnel could not be judged: " + GatewayResponses.describe(e));
            return;
        }
        state = State.TUNNELING;
        stopTimers();
        ConnectionFaults.tunnel(ctx.channel(), decision, decider, config.clock());
        List<String> httpHandlers = List.of(Gateways.GATEWAY_HANDLER, Gateways.HTTP_DECODER, Gateways.HTTP_ENCODER);
        TunnelConnection.start(ctx.channel(), httpHandlers, io.netty.buffer.Unpooled.EMPTY_BUFFER, decision,
                new TunnelReplies.Http(), request.get().host(), config, transport, events);
    }

    private int remotePort() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getPort() : 0;
    }

    private void beginExchange(HttpRequest head) {
        request = head;
        if (responseEncoder != null) {
            responseEncoder.answering(head.method());
        }
        events.requestBegan(head.method().name());
        requestComplete = head instanceof LastHttpContent;
        clientKeepAlive = HttpUtil.isKeepAlive(head);
    }

    private static HttpRequestHead toHead(HttpRequest request) {
        // Immutable lists, which HttpRequestHead keeps as they are instead of copying: one list per header, not three.
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.merge(header.getKey(), List.of(header.getValue()), GatewayConnection::joined);
        }
        return new HttpRequestHead(request.method().name(), request.uri(), headers);
    }

    private static List<String> joined(List<String> first, List<String> more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        return List.copyOf(all);
    }

    private void decide(HttpRequestHead head, Optional<byte[]> body) {
        GatewayDecision decision;
        try {
            decision = decider.decide(head, body);
        } catch (RuntimeException e) {
            deciderFailed(e);
            return;
        }
        if (decision instanceof GatewayDecision.Forward forward) {
            carrying(forward.facts(), forward.path());
            forward(forward);
        } else if (decision instanceof GatewayDecision.Respond respond) {
            if (respond.facts() != null && respond.path() != null) {
                carrying(respond.facts(), respond.path());
            }
            facts = Optional.ofNullable(respond.facts());
            path = Optional.ofNullable(respond.path());
            answer(GatewayResponses.of(respond.status(), respond.headers(), respond.body()), Outcome.RESPONDED);
        } else if (decision instanceof GatewayDecision.Block block) {
            block(block);
        } else {
            deciderFailed(new IllegalStateException("the decider gave no decision"));
        }
    }

    /** Lays the faults acting on connections carrying this call's service through its path (none, mostly). */
    private void carrying(RequestFacts callFacts, PathResult callPath) {
        Optional<String> endpoint = callPath.via().filter(via -> via.startsWith("vpce-"));
        // A connection's calls mostly go to one service the same way: what it carried is made anew only when that changes.
        if (carried == null || !carried.service().orElseThrow().equals(callFacts.service()) || !carried.endpoint().equals(endpoint)) {
            carried = new ConnectionTraffic(Optional.of(callFacts.service()), endpoint);
        }
        ConnectionFaults.carrying(ctx.channel(), carried, decider, config.clock());
    }

    private void deciderFailed(RuntimeException e) {
        if (e instanceof AwsException error) {
            answer(GatewayResponses.awsError(error), Outcome.REJECTED);
        } else {
            answer(GatewayResponses.text(HttpResponseStatus.BAD_GATEWAY, "the request could not be judged: " + GatewayResponses.describe(e)), Outcome.UPSTREAM_FAILED);
        }
    }

    // ---- Request body -------------------------------------------------------------------------------------------

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            if (responseStarted || state == State.STALLING || state == State.CLOSED) {
                closeNow();
            } else {
                reject(HttpResponseStatus.BAD_REQUEST, "the request body could not be read: " + GatewayResponses.describe(content.decoderResult().cause()));
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        switch (state) {
            case COLLECTING_BODY -> collect(content, last);
            case FORWARDING -> forwardContent(content, last);
            case DRAINING -> {
                drained += content.content().readableBytes();
                content.release();
                if (last) {
                    requestComplete = true;
                    endLocalAnswer();
                } else if (drained > config.maxDecisionBody()) {
                    closeNow();
                } else {
                    next();
                }
            }
            case STALLING -> {
                content.release();
                next();
            }
            case AWAITING_HEAD, TUNNELING, CLOSED -> content.release();
        }
    }

    private void collect(HttpContent content, boolean last) {
        if (collected.readableBytes() + (long) content.content().readableBytes() > config.maxDecisionBody()) {
            content.release();
            reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is over the gateway's limit of " + config.maxDecisionBody() + " bytes");
            return;
        }
        collected.addComponent(true, content.content().retain());
        if (last) {
            requestComplete = true;
            collectedTrailers = ((LastHttpContent) content).trailingHeaders().copy();
            byte[] body = new byte[collected.readableBytes()];
            collected.getBytes(collected.readerIndex(), body);
            content.release();
            decide(toHead(request), Optional.of(body));
        } else {
            content.release();
            next();
        }
    }

    // ---- Forwarding ---------------------------------------------------------------------------------------------

    private void forward(GatewayDecision.Forward forward) {
        state = State.FORWARDING;
        facts = Optional.of(forward.facts());
        path = Optional.of(forward.path());
        upstreamUri = forward.upstream();
        if (!forward.addedHeaders().isEmpty()) {
            forward.addedHeaders().forEach(request.headers()::set);
        }
        requestBodyLeft = requestComplete ? 0 : contentLength(request);
        connectUpstream();
    }

    private void connectUpstream() {
        UpstreamPool.Lease idle = upstreams.lendIdle(ctx.channel().eventLoop(), upstreamUri, this);
        if (idle != null) {
            // The common case, a pooled connection on this loop: no promise, no listener.
            upstreamAcquired(idle);
            return;
        }
        Future<UpstreamPool.Lease> connected = upstreams.connect(ctx.channel().eventLoop(), upstreamUri, this);
        connected.addListener(future -> {
            if (connected.isSuccess()) {
                upstreamAcquired(connected.getNow());
            } else {
                upstreamFailed(connected.cause());
            }
        });
    }

    private void upstreamFailed(Throwable cause) {
        releaseCollected();
        String why = cause instanceof ConnectException ? "refused the connection" : "could not be reached (" + GatewayResponses.describe(cause) + ")";
        answer(GatewayResponses.text(HttpResponseStatus.BAD_GATEWAY, "the upstream " + upstreamUri + " for " + serviceName() + " " + why
                + ". Is the upstream named with --upstream running?"), Outcome.UPSTREAM_FAILED);
    }

    private void upstreamAcquired(UpstreamPool.Lease acquired) {
        lease = acquired;
        if (state != State.FORWARDING) {
            // The client went away while the connection was being made.
            lease.channel().close();
            lease = null;
            return;
        }
        // A client that asked to close has the upstream close too (its Connection header goes along).
        upstreamReusable = HttpUtil.isKeepAlive(request);
        lease.handler().decoder().expectAnswerTo(request.method());
        HttpRequest upstreamRequest = new DefaultHttpRequest(request.protocolVersion(), request.method(), RequestTarget.originForm(request.uri()),
                request.headers());
        lease.channel().write(upstreamRequest);
        if (collected != null) {
            lease.channel().write(new DefaultLastHttpContent(collected, collectedTrailers));
            collected = null;
        } else if (requestComplete) {
            // A retry of a request without a body, whose end was sent on the connection that failed.
            lease.channel().write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        if (!requestComplete) {
            // Body already read (a GET's empty end, a small PUT) leaves with the head, in one write.
            pullRequestBody();
        }
        if (lease != null) {
            lease.channel().flush();
            lease.channel().read();
        }
    }

    private void forwardContent(HttpContent content, boolean last) {
        if (last) {
            requestComplete = true;
        }
        if (lease == null || responseComplete) {
            // The upstream already answered in full (an early error): the rest of the body goes nowhere.
            content.release();
            if (last) {
                finishForward();
            } else {
                next();
            }
            return;
        }
        if (requestBodyLeft > 0) {
            requestBodyLeft -= content.content().readableBytes();
        }
        lease.channel().write(content);
        if (last || inbox.isEmpty() || !lease.channel().isWritable()) {
            // More of the body already read follows at once: one flush carries it all.
            lease.channel().flush();
        }
        if (last) {
            finishForwardIfDone();
        } else if (lease.channel().isWritable()) {
            pullRequestBody();
        } else {
            waitingForUpstreamWritable = true;
        }
    }

    /**
     * Asks for more of the request's body: the rest of a long Content-Length body by splice when both sockets allow
     * it (the decoder has passed on all it read, so the rest is still in the socket), otherwise the next message.
     */
    private void pullRequestBody() {
        boolean spliceable = requestBodyLeft >= BodySplice.MIN_BODY;
        if (clientReading && spliceable) {
            // The rest of this read may still hold body the decoder has yet to hand over: a splice now would take
            // the bytes after it. A body too short to splice is asked for at once instead, within the read, so Netty
            // keeps the socket's read interest (deferring it past the read costs two epoll_ctl calls per request).
            pullAfterRead = true;
            return;
        }
        if (inbox.isEmpty() && splice == null && spliceable && lease != null && !responseComplete
                && BodySplice.possible(ctx.channel(), lease.channel())) {
            lastSplicedNanos = System.nanoTime();
            splice = BodySplice.start(ctx.channel(), lease.channel(), requestBodyLeft, requestSplice);
        } else {
            next();
        }
    }

    /** Splicing the request's body to the upstream. */
    private final class RequestSplice implements BodySplice.Progress {
        @Override
        public void spliced(int bytes) {
            traffic.splicedIn(bytes);
            requestBodyLeft -= bytes;
        }

        @Override
        public void spliceDone() {
            splice = null;
            // The decoder still counts the body it never saw; the upstream's encoder learns the body's end from the
            // empty last content, which it encodes as nothing.
            requestDecoder.reset();
            forwardContent(LastHttpContent.EMPTY_LAST_CONTENT, true);
        }

        @Override
        public void spliceFailed(Throwable cause) {
            spliceStopped();
        }
    }

    /** Splicing the answer's body to the client. */
    private final class ResponseSplice implements BodySplice.Progress {
        @Override
        public void spliced(int bytes) {
            traffic.splicedOut(bytes);
            responseBodyLeft -= bytes;
        }

        @Override
        public void spliceDone() {
            splice = null;
            lease.handler().decoder().reset();
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            responseComplete = true;
            finishForwardIfDone();
        }

        @Override
        public void spliceFailed(Throwable cause) {
            spliceStopped();
        }
    }

    /**
     * A splice stopped short. When a socket closed, its own close reports the request; a failure that left both open
     * (a read error) ends the connection here.
     */
    private void spliceStopped() {
        splice = null;
        if (state == State.FORWARDING && ctx.channel().isActive() && lease != null && lease.channel().isActive()) {
            publishRequest(Outcome.UPSTREAM_FAILED);
            lease.channel().close();
            closeNow();
        }
    }

    private void stopSplice() {
        if (splice != null) {
            splice.stop();
            splice = null;
        }
    }

    private static long contentLength(HttpMessage message) {
        return HttpUtil.isTransferEncodingChunked(message) ? -1 : HttpUtil.getContentLength(message, -1L);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        clientReading = false;
        if (splice != null) {
            // A round of the request's splice: the bytes pass no handler, so this is how its progress shows.
            lastSplicedNanos = System.nanoTime();
        }
        if (pullAfterRead) {
            pullAfterRead = false;
            if (state == State.FORWARDING && !requestComplete) {
                pullRequestBody();
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public boolean splicedRecently() {
        return splicedWithin(config.upstreamIdleTimeout().toNanos());
    }

    private boolean splicedWithin(long nanos) {
        return splice != null && System.nanoTime() - lastSplicedNanos < nanos;
    }

    @Override
    public void upstreamWritable() {
        if (waitingForUpstreamWritable && state == State.FORWARDING) {
            waitingForUpstreamWritable = false;
            pullRequestBody();
        }
    }

    @Override
    public void upstreamRead(HttpObject message) {
        if (state != State.FORWARDING) {
            ReferenceCountUtil.release(message);
            return;
        }
        boolean last = message instanceof LastHttpContent;
        if (message instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                upstreamReusable = false;
                lease.channel().close();
                return;
            }
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                swallowingInformational = sentOwnContinue && response.status().code() == HttpResponseStatus.CONTINUE.code();
            } else {
                responseStarted = true;
                status = response.status().code();
                errorCode.head(response);
                boolean noBody = HttpMethod.HEAD.equals(request.method()) || status == 204 || status == 304;
                boolean delimited = HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response) || noBody;
                responseBodyLeft = noBody ? 0 : contentLength(response);
                upstreamReusable &= HttpUtil.isKeepAlive(response) && delimited;
                clientKeepAlive &= HttpUtil.isKeepAlive(response) && delimited;
            }
        }
        if (swallowingInformational) {
            ReferenceCountUtil.release(message);
        } else {
            if (responseStarted && message instanceof HttpContent content) {
                errorCode.body(content.content());
                if (responseBodyLeft > 0) {
                    responseBodyLeft -= content.content().readableBytes();
                }
            }
            // Flushed when the upstream's read is done (upstreamReadComplete), so a head and body read together
            // leave together.
            ctx.write(message);
        }
        if (last) {
            responseComplete = responseStarted;
            swallowingInformational = false;
        }
        if (responseComplete) {
            finishForwardIfDone();
        } else if (ctx.channel().isWritable()) {
            lease.channel().read();
        } else {
            waitingForClientWritable = true;
        }
    }

    @Override
    public void upstreamReadComplete() {
        if (splice != null) {
            lastSplicedNanos = System.nanoTime();
        } else if (state == State.FORWARDING && responseStarted && !responseComplete && !waitingForClientWritable && responseBodyLeft >= BodySplice.MIN_BODY
                && lease != null && BodySplice.possible(lease.channel(), ctx.channel())) {
            // The decoder has passed on all the upstream's read held, so the rest of the body is still in the socket.
            lastSplicedNanos = System.nanoTime();
            splice = BodySplice.start(lease.channel(), ctx.channel(), responseBodyLeft, responseSplice);
        }
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && waitingForClientWritable && state == State.FORWARDING && lease != null) {
            waitingForClientWritable = false;
            lease.channel().read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void finishForwardIfDone() {
        if (responseComplete && requestComplete) {
            finishForward();
        } else if (responseComplete) {
            // Answered before the client finished sending: the upstream no longer wants the body, and the client
            // connection cannot carry another request without its end, so both close once the answer is out.
            upstreamReusable = false;
            clientKeepAlive = false;
            finishForward();
        }
    }

    private void finishForward() {
        ctx.flush();
        if (lease != null) {
            UpstreamPool.Lease done = lease;
            lease = null;
            if (upstreamReusable && requestComplete) {
                upstreams.release(done, upstreamUri);
            } else {
                done.handler().giveBack();
                done.channel().close();
            }
        }
        endExchange(Outcome.FORWARDED, clientKeepAlive && requestComplete);
    }

    @Override
    public void upstreamClosed() {
        if (state != State.FORWARDING || lease == null) {
            return;
        }
        stopSplice();
        boolean stale = lease.reused();
        lease = null;
        if (!responseStarted && stale && !retried && hasNoBody(request)) {
            // A pooled connection the upstream closed just as it was reused (keep-alive's race): nothing was
            // answered and there is no body to replay, so the request goes once more on a new connection.
            retried = true;
            connectUpstream();
            return;
        }
        if (!responseStarted) {
            releaseCollected();
            answerThenClose(GatewayResponses.text(HttpResponseStatus.BAD_GATEWAY, "the upstream " + upstreamUri + " for " + serviceName()
                    + " closed the connection without answering"), Outcome.UPSTREAM_FAILED);
        } else {
            publishRequest(Outcome.UPSTREAM_FAILED);
            closeNow();
        }
    }

    private static boolean hasNoBody(HttpRequest request) {
        return !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0;
    }

    @Override
    public void upstreamSilent() {
        if (state != State.FORWARDING || lease == null) {
            return;
        }
        stopSplice();
        lease.handler().giveBack();
        lease = null;
        if (!responseStarted) {
            answerThenClose(GatewayResponses.text(HttpResponseStatus.GATEWAY_TIMEOUT, "the upstream " + upstreamUri + " for " + serviceName()
                    + " sent nothing for " + config.upstreamIdleTimeout().toSeconds() + " s"), Outcome.UPSTREAM_FAILED);
        } else {
            publishRequest(Outcome.UPSTREAM_FAILED);
            closeNow();
        }
    }

    // ---- Answers without the upstream ----------------------------------------------------------------------------

    private void block(GatewayDecision.Block block) {
        facts = Optional.of(block.facts());
        path = Optional.of(block.path());
        switch (config.blockedTraffic()) {
            case STALL -> {
                // A dropped packet: no answer at all. The body is read and thrown away so the client's sends do
                // not fail early; the connection is reset when AWS would drop the idle flow.
                state = State.STALLING;
                outcome = Outcome.STALLED;
                cancelTimer();
                timer = ctx.executor().schedule(() -> {
                    publishRequest(Outcome.STALLED);
                    resetNow();
                }, config.stallLimit().toMillis(), TimeUnit.MILLISECONDS);
                readIfOpen();
            }
            case RESET -> {
                publishRequest(Outcome.RESET);
                resetNow();
            }
            case ERROR -> answer(GatewayResponses.blocked(block.path(), block.facts().hostname()), Outcome.BLOCKED_WITH_ERROR);
        }
    }

    /**
     * Writes an answer the gateway gives itself. The connection stays usable when the rest of the request's body
     * is short and will come (it is read and discarded); otherwise the answer says {@code connection: close}.
     */
    private void answer(FullHttpResponse response, Outcome result) {
        releaseCollected();
        boolean drainable = requestComplete || (clientKeepAlive && bodyWillComeAndIsShort());
        if (!drainable) {
            answerThenClose(response, result);
            return;
        }
        status = response.status().code();
        errorCode.full(response);
        outcome = result;
        ctx.writeAndFlush(response);
        if (requestComplete) {
            endLocalAnswer();
        } else {
            state = State.DRAINING;
            drained = 0;
            next();
        }
    }

    private boolean bodyWillComeAndIsShort() {
        if (HttpUtil.isTransferEncodingChunked(request)) {
            return false;
        }
        long length = HttpUtil.getContentLength(request, 0L);
        // A client waiting for 100 Continue that never came may or may not send its body: only an empty one is safe.
        boolean waitsForContinue = HttpUtil.is100ContinueExpected(request) && !sentOwnContinue;
        return length == 0 || (!waitsForContinue && length <= config.maxDecisionBody());
    }

    private void endLocalAnswer() {
        endExchange(outcome, clientKeepAlive);
    }

    private void reject(HttpResponseStatus rejection, String message) {
        answerThenClose(GatewayResponses.text(rejection, message), Outcome.REJECTED);
    }

    private void answerThenClose(FullHttpResponse response, Outcome result) {
        releaseCollected();
        status = response.status().code();
        errorCode.full(response);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        publishRequest(result);
        state = State.CLOSED;
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    // ---- Exchange and connection lifecycle ----------------------------------------------------------------------

    private void endExchange(Outcome result, boolean keepAlive) {
        publishRequest(result);
        if (keepAlive && state != State.CLOSED) {
            awaitHead();
        } else {
            state = State.CLOSED;
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void awaitHead() {
        state = State.AWAITING_HEAD;
        request = null;
        requestComplete = false;
        sentOwnContinue = false;
        collectedTrailers = null;
        facts = Optional.empty();
        path = Optional.empty();
        outcome = null;
        status = 0;
        errorCode.reset();
        upstreamUri = null;
        responseStarted = false;
        responseComplete = false;
        swallowingInformational = false;
        retried = false;
        waitingForClientWritable = false;
        waitingForUpstreamWritable = false;
        requestBodyLeft = -1;
        responseBodyLeft = -1;
        if (responseEncoder != null) {
            responseEncoder.answering(null);
        }
        events.awaitingRequest();
        awaitingSinceNanos = System.nanoTime();
        bytesInWhenAwaiting = traffic.bytesIn();
        cancelTimer();
        if (headTimer == null) {
            armHeadTimer(config.requestHeadTimeout().toNanos());
        }
        next();
    }

    private void armHeadTimer(long delayNanos) {
        headTimer = ctx.executor().schedule(this::headTimerFired, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A head begun but not finished in time is answered 408; a connection that sent nothing may idle a while longer.
     * The timer may have been armed for an earlier wait: it then moves on to the current wait's deadline.
     */
    private void headTimerFired() {
        headTimer = null;
        if (state != State.AWAITING_HEAD) {
            // Armed again when the connection next waits for a head.
            return;
        }
        long waited = System.nanoTime() - awaitingSinceNanos;
        long headNanos = config.requestHeadTimeout().toNanos();
        if (waited < headNanos) {
            armHeadTimer(headNanos - waited);
            return;
        }
        if (traffic.bytesIn() > bytesInWhenAwaiting) {
            events.requestBegan("");
            reject(HttpResponseStatus.REQUEST_TIMEOUT, "the request head did not arrive in full within " + config.requestHeadTimeout().toSeconds() + " s");
            return;
        }
        long idleLeft = config.idleTimeout().toNanos() - waited;
        if (idleLeft > 0) {
            armHeadTimer(idleLeft);
        } else {
            state = State.CLOSED;
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (splicedWithin(config.idleTimeout().toNanos())) {
            // A body spliced past the pipeline moves without the idle handler seeing it.
            return;
        }
        if (idle.state() == IdleState.WRITER_IDLE && clientNotReading() && state != State.CLOSED) {
            // The client reads nothing of what it is sent.
            publishRequest(Outcome.ABORTED);
            closeNow();
        } else if (idle.state() == IdleState.READER_IDLE && waitingForClientBody()) {
            if (responseStarted) {
                publishRequest(Outcome.REJECTED);
                closeNow();
            } else {
                reject(HttpResponseStatus.REQUEST_TIMEOUT, "the request body stopped arriving for " + config.idleTimeout().toSeconds() + " s");
            }
        }
    }

    /**
     * Whether what the client is sent is piling up: past the write buffer's high mark, or a spliced body's bytes
     * waiting in the pipe (they count in no write buffer).
     */
    private boolean clientNotReading() {
        if (!ctx.channel().isWritable()) {
            return true;
        }
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        return splice != null && pending != null && !pending.isEmpty();
    }

    private boolean waitingForClientBody() {
        return switch (state) {
            case COLLECTING_BODY, DRAINING -> true;
            case FORWARDING -> lease != null && !requestComplete && !waitingForUpstreamWritable;
            case AWAITING_HEAD, STALLING, TUNNELING, CLOSED -> false;
        };
    }

    /** Handed over to a tunnel: nothing of this handler's may outlive it. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopTimers();
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
    }

    private void stopTimers() {
        cancelTimer();
        stopSplice();
        if (headTimer != null) {
            headTimer.cancel(false);
            headTimer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopTimers();
        inbox.forEach(ReferenceCountUtil::release);
        inbox.clear();
        releaseCollected();
        if (lease != null) {
            lease.handler().giveBack();
            lease.channel().close();
            lease = null;
        }
        if (state == State.STALLING) {
            publishRequest(Outcome.STALLED);
        } else if (state == State.FORWARDING || state == State.COLLECTING_BODY || state == State.DRAINING) {
            publishRequest(state == State.DRAINING ? outcome : Outcome.ABORTED);
        }
        state = State.CLOSED;
        events.closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An I/O error (a reset by the client): the connection is over; channelInactive tidies up.
        closeNow();
    }

    private void publishRequest(Outcome result) {
        events.requestEnded(result, facts, path, status, errorCode.code());
    }

    private void resetNow() {
        state = State.CLOSED;
        // SO_LINGER 0 makes close send a TCP reset instead of a FIN, as a firewall's reject does.
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.close();
    }

    private void closeNow() {
        state = State.CLOSED;
        ctx.close();
    }

    private void readIfOpen() {
        if (ctx.channel().isActive()) {
            next();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void releaseCollected() {
        if (collected != null) {
            collected.release();
            collected = null;
        }
    }

    private String serviceName() {
        return facts.map(RequestFacts::service).orElse("this request");
    }
}
