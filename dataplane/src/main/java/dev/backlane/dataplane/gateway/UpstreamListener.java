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

    /**
     * Whether a body is being spliced between the connections and moved within the upstream idle timeout.
     * Spliced bytes pass no handler, so an idle timer would otherwise take a long transfer for a silent one.
     */
    boolean splicedRecently();
}
