package dev.backlane.server.protocol;

/**
 * The XML error envelopes of the EC2 protocol ({@code <Response><Errors>}) and the Query protocol
 * ({@code <ErrorResponse>}), written here only: for errors of the services Backlane serves
 * ({@link XmlResponseWriter}) and for requests to services it does not ({@link ErrorAnswer}).
 */
final class XmlErrorEnvelope {
    private static final String PROLOGUE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private XmlErrorEnvelope() {}

    static String ec2(String code, String message, String requestId) {
        StringBuilder out = new StringBuilder(256).append(PROLOGUE).append("<Response><Errors><Error><Code>");
        XmlText.append(out, code);
        out.append("</Code><Message>");
        XmlText.append(out, message);
        out.append("</Message></Error></Errors><RequestID>");
        XmlText.append(out, requestId);
        return out.append("</RequestID></Response>").toString();
    }

    /** {@code namespace} is the service's XML namespace, or null when there is no model to give it. */
    static String query(String namespace, int status, String code, String message, String requestId) {
        StringBuilder out = new StringBuilder(256).append(PROLOGUE).append("<ErrorResponse");
        if (namespace != null) {
            out.append(" xmlns=\"");
            XmlText.append(out, namespace);
            out.append('"');
        }
        // The side at fault, as AWS reports it: the server for 5xx, the caller otherwise.
        out.append("><Error><Type>").append(status >= 500 ? "Receiver" : "Sender").append("</Type><Code>");
        XmlText.append(out, code);
        out.append("</Code><Message>");
        XmlText.append(out, message);
        out.append("</Message></Error><RequestId>");
        XmlText.append(out, requestId);
        return out.append("</RequestId></ErrorResponse>").toString();
    }
}
