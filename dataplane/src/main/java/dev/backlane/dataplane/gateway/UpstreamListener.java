package dev.backlane.dataplane.gateway;

import io.netty.handler.codec.http.HttpObject;

/** The client connection an upstream connection currently works for; called on their shared event loop. */
interface UpstreamListener {
    void upstreamRead(HttpObject message);

    /** The upstream's socket read is done: what it brought may be flushed to the client. */
    void upstreamReadComplete();

    void upstreamWritable();

    void upstreamClosed();

    void upstreamSilent();
}
