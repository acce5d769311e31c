package dev.backlane.server.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.backlane.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.TreeMap;

/**
 * An AWS error as the wire carries it in one protocol: status, content type, the headers the
 * protocol's clients read the code and request ID from, and the body — Query and EC2 XML envelopes,
 * S3's bare {@code <Error>}, awsJson's {@code __type}, REST-JSON's {@code x-amzn-ErrorType}, or a CBOR
 * map for Smithy RPC v2. Written so that each SDK and the AWS CLI print the code and message as they
 * would AWS's.
 */
public record ErrorAnswer(int status, String contentType, Map<String, String> headers, byte[] body) {
    public ErrorAnswer {
        requireNonNull(contentType, "contentType is null");
        headers = Map.copyOf(headers);
        requireNonNull(body, "body is null");
    }

    /**
     * The error in {@code protocol}. {@code jsonContentType} is the request's awsJson content type
     * ({@code application/x-amz-json-1.0} or {@code -1.1}), echoed as AWS does; null for others.
     */
    public static ErrorAnswer of(WireProtocol protocol, AwsException error, String requestId, String jsonContentType) {
        String code = error.code().code();
        String message = error.getMessage();
        int status = error.code().httpStatus();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        return switch (protocol) {
            case EC2 -> new ErrorAnswer(status, "text/xml;charset=UTF-8", headers, utf8(XmlErrorEnvelope.ec2(code, message, requestId)));
            case QUERY -> new ErrorAnswer(status, "text/xml;charset=UTF-8", headers, utf8(XmlErrorEnvelope.query(null, status, code, message,
                    requestId)));
            case REST_XML -> {
                headers.put("x-amz-request-id", requestId);
                yield new ErrorAnswer(status, "application/xml", headers, utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<Error><Code>" + xml(code) + "</Code><Message>" + xml(message) + "</Message><RequestId>" + xml(requestId)
                        + "</RequestId></Error>"));
            }
            case JSON -> new ErrorAnswer(status, jsonContentType == null ? "application/x-amz-json-1.0" : jsonContentType, headers,
                    utf8("{\"__type\":" + json(code) + ",\"message\":" + json(message) + "}"));
            case REST_JSON -> {
                headers.put("x-amzn-ErrorType", code);
                yield new ErrorAnswer(status, "application/json", headers, utf8("{\"code\":" + json(code) + ",\"message\":" + json(message) + "}"));
            }
            case RPC_V2_CBOR -> {
                headers.put("smithy-protocol", "rpc-v2-cbor");
                yield new ErrorAnswer(status, "application/cbor", headers, cborMap(Map.of("__type", code, "message", message)));
            }
        };
    }

    /**
     * The error in the protocol the request speaks to the service ({@link ServiceProtocols#spokenBy}), echoing an
     * awsJson content type as AWS does; {@code header} gives a request header's first value or null.
     */
    public static ErrorAnswer of(AwsException error, Optional<ServiceProtocols.KnownService> service, Function<String, String> header,
            String requestId) {
        String contentType = Optional.ofNullable(header.apply("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        return of(ServiceProtocols.spokenBy(service, header), error, requestId, contentType.startsWith("application/x-amz-json") ? contentType : null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        XmlText.append(out, text);
        return out.toString();
    }

    private static String json(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    /** A CBOR (RFC 8949) map of text strings: all Smithy RPC v2 needs for an error. */
    static byte[] cborMap(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cborHead(out, 5, entries.size());
        for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
            cborText(out, entry.getKey());
            cborText(out, entry.getValue());
        }
        return out.toByteArray();
    }

    private static void cborText(ByteArrayOutputStream out, String text) {
        byte[] bytes = utf8(text);
        cborHead(out, 3, bytes.length);
        out.writeBytes(bytes);
    }

    private static void cborHead(ByteArrayOutputStream out, int majorType, long length) {
        int type = majorType << 5;
        if (length < 24) {
            out.write(type | (int) length);
        } else if (length < 0x100) {
            out.write(type | 24);
            out.write((int) length);
        } else if (length < 0x10000) {
            out.write(type | 25);
            out.write((int) (length >>> 8));
            out.write((int) length & 0xff);
        } else {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xff);
            }
        }
    }
}
