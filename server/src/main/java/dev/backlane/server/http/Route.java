package dev.backlane.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpHandler;

/**
 * Which handler answers the paths that start with {@code prefix} (the longest matching prefix wins, as
 * with the JDK server's contexts), and how much of a request body it is given.
 *
 * @param bodyLimit the most bytes of body the handler is given
 * @param truncate  true: a longer body is cut to {@code bodyLimit} bytes and the handler refuses it in its
 *                  own words (the AWS API answers its protocol's error); false: it is refused with 413
 */
public record Route(String prefix, HttpHandler handler, long bodyLimit, boolean truncate) {
    public Route {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(handler, "handler is null");
        if (bodyLimit < 0 || bodyLimit > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bodyLimit must fit a buffer: " + bodyLimit);
        }
    }
}
