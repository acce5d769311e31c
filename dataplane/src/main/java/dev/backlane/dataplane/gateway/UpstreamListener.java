package dev.backlane.dataplane.gateway;

import io.netty.handler.codec.http.HttpObject;

/** The client connection an upstream connection currently works for; called on their shared event loop. */
interface UpstreamListener {
    void upstreamRead(HttpObject message);

    void upstreamWritable();

    void upstreamClosed();

    void upstreamSilent();
}
