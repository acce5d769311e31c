package dev.backlane.dataplane.health;

import static java.util.Objects.requireNonNull;

import dev.backlane.core.elb.ProbeResult;
import dev.backlane.core.model.ElbProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Health check probes of load balancer targets, as an NLB sends them, all on one Netty event loop so that however
 * many targets are checked no thread waits on one: a TCP check passes when the connection is accepted; an HTTP or
 * HTTPS check sends {@code GET path} and reads only the status line and headers, then closes. Whatever the target
 * does, a probe ends within its timeout: a target that accepts and never answers, or answers too slowly, has
 * {@linkplain ProbeResult#timedOut() timed out}. HTTPS checks do not verify the target's certificate, as ELB's do not.
 * Results complete on the event loop: consumers must hand blocking work to their own thread.
 */
public final class HealthProbes implements AutoCloseable {
    /** ELB's health checker names itself so (targets' access logs show it). */
    static final String USER_AGENT = "ELB-HealthChecker/2.0";

    /** One probe: where the target's process listens, the check's protocol, path and timeout, and the Host header to send. */
    public record Probe(InetSocketAddress socket, ElbProtocol protocol, String path, String host, Duration timeout) {
        public Probe {
            requireNonNull(socket, "socket is null");
            requireNonNull(protocol, "protocol is null");
            requireNonNull(timeout, "timeout is null");
            if (protocol != ElbProtocol.TCP) {
                requireNonNull(path, "path is null");
                requireNonNull(host, "host is null");
            }
            if (protocol != ElbProtocol.TCP && protocol != ElbProtocol.HTTP && protocol != ElbProtocol.HTTPS) {
                throw new IllegalArgumentException("health checks are TCP, HTTP or HTTPS, not " + protocol);
            }
        }
    }

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SslContext tls;

    public HealthProbes() {
        try {
            tls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot set up TLS for HTTPS health checks", e);
        }
    }

    /** Sends one probe; the result completes within the probe's timeout, on the probes' event loop. */
    public CompletableFuture<ProbeResult> probe(Probe probe) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        long timeoutMillis = Math.max(1, probe.timeout().toMillis());
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (probe.protocol() != ElbProtocol.TCP) {
                            ChannelPipeline pipeline = channel.pipeline();
                            if (probe.protocol() == ElbProtocol.HTTPS) {
                                pipeline.addLast(tls.newHandler(channel.alloc(), probe.socket().getHostString(), probe.socket().getPort()));
                            }
                            pipeline.addLast(new HttpClientCodec(), new StatusReader(result));
                        }
                    }
                });
        ChannelFuture connecting = bootstrap.connect(probe.socket());
        Channel channel = connecting.channel();
        // One deadline for the whole probe: connecting, the TLS handshake and the answer's head.
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            result.complete(ProbeResult.timedOut());
            channel.close();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((done, failure) -> deadline.cancel(false));
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                result.complete(connected.cause() instanceof ConnectTimeoutException ? ProbeResult.timedOut() : ProbeResult.failed());
            } else if (probe.protocol() == ElbProtocol.TCP) {
                result.complete(ProbeResult.connected());
                channel.close();
            } else {
                channel.writeAndFlush(request(probe));
            }
        });
        return result;
    }

    private static FullHttpRequest request(Probe probe) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, probe.path());
        request.headers().set(HttpHeaderNames.HOST, probe.host()).set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                .set(HttpHeaderNames.ACCEPT, "*/*").set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    /** Completes the probe with the answer's status code, or as failed when the answer is malformed or never comes. */
    private static final class StatusReader extends SimpleChannelInboundHandler<HttpObject> {
        private final CompletableFuture<ProbeResult> result;

        StatusReader(CompletableFuture<ProbeResult> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, HttpObject message) {
            if (message instanceof HttpResponse response) {
                int code = response.status().code();
                boolean readable = response.decoderResult().isSuccess() && code >= 100 && code <= 999;
                result.complete(readable ? ProbeResult.responded(code) : ProbeResult.failed());
                context.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            // Closed (or reset) before a status line: a malformed answer, as ELB counts it.
            result.complete(ProbeResult.failed());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            result.complete(ProbeResult.failed());
            context.close();
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
