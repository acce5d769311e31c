package dev.backlane.dataplane.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands what the upstream says to the client connection it is
 * lent to, and closes the connection if the upstream speaks while it sits idle in the pool.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private final UpstreamResponseDecoder decoder;
    private UpstreamListener listener;

    UpstreamHandler(UpstreamResponseDecoder decoder) {
        this.decoder = decoder;
    }

    UpstreamResponseDecoder decoder() {
        return decoder;
    }

    void lendTo(UpstreamListener listener) {
        this.listener = listener;
    }

    void giveBack() {
        this.listener = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (listener != null && msg instanceof HttpObject object) {
            listener.upstreamRead(object);
        } else {
            // Nobody asked: an idle pooled connection that speaks is out of step with its server.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (listener != null && ctx.channel().isWritable()) {
            listener.upstreamWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamListener current = listener;
        listener = null;
        if (current != null) {
            current.upstreamClosed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            UpstreamListener current = listener;
            if (current != null && current.splicedRecently()) {
                // A body spliced past the pipeline moves without the idle handler seeing it.
                return;
            }
            if (current != null) {
                current.upstreamSilent();
            }
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
