package dev.backlane.dataplane.gateway;

/**
 * The request target an upstream is sent. A client using the gateway as its HTTP proxy sends the absolute form
 * ({@code http://bucket.s3.amazonaws.com/key?x}); an origin server expects the origin form ({@code /key?x}), as
 * RFC 9112 section 3.2.2 has a proxy forward it. The Host header is left as the client signed it.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    static boolean isAbsoluteForm(String target) {
        int scheme = target.indexOf("://");
        return scheme > 0 && target.indexOf('/') > scheme;
    }

    /** The origin form of a target given in either form: {@code /path?query}, at least {@code /}. */
    static String originForm(String target) {
        if (!isAbsoluteForm(target)) {
            return target;
        }
        int authorityStart = target.indexOf("://") + 3;
        for (int i = authorityStart; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '/') {
                return target.substring(i);
            }
            if (c == '?') {
                return "/" + target.substring(i);
            }
        }
        return "/";
    }
}
