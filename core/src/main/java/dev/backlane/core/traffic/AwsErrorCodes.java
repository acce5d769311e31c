package dev.backlane.core.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error code of an AWS service's error response, read where each protocol puts it: the {@code x-amzn-ErrorType}
 * header of the JSON protocols ({@code ValidationException:http://...} names {@code ValidationException}), the
 * {@code x-amzn-query-error} header of awsQuery-compatible services ({@code AWS.SimpleQueueService.NonExistentQueue;Sender}),
 * {@code <Code>} in the XML body (S3, EC2, the Query services), {@code __type} or {@code code} in a JSON body
 * ({@code com.amazon.coral.service#ThrottlingException} names {@code ThrottlingException}), and {@code __type} in a
 * Smithy RPC v2 CBOR body. Only the first {@link #BODY_PREFIX} bytes of a body are looked at; a code must look like one
 * (a letter, then at most 127 letters, digits, dots, dashes or underscores), else there is none.
 */
public final class AwsErrorCodes {
    /** How much of an error body is read for its code. */
    public static final int BODY_PREFIX = 4096;

    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,127}");
    private static final Pattern XML_CODE = Pattern.compile("<Code>\\s*([^<\\s]+)\\s*</Code>");
    private static final Pattern JSON_TYPE = Pattern.compile("\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]+)\"");
    private static final byte[] CBOR_TYPE_KEY = {0x66, '_', '_', 't', 'y', 'p', 'e'};

    private AwsErrorCodes() {}

    /** The code the response's headers name ({@code header} answers a header's value by its name, or null). */
    public static Optional<String> fromHeaders(Function<String, String> header) {
        String type = header.apply("x-amzn-ErrorType");
        if (type != null) {
            return valid(type.split(":", 2)[0]);
        }
        String query = header.apply("x-amzn-query-error");
        return query == null ? Optional.empty() : valid(query.split(";", 2)[0]);
    }

    /** The code the start of the response's body names, in XML, JSON or CBOR. */
    public static Optional<String> fromBody(byte[] body, int length) {
        int end = Math.min(Math.min(length, body.length), BODY_PREFIX);
        Optional<String> cbor = fromCbor(body, end);
        if (cbor.isPresent()) {
            return cbor;
        }
        String text = new String(body, 0, end, StandardCharsets.UTF_8);
        Matcher xml = XML_CODE.matcher(text);
        if (xml.find()) {
            return valid(xml.group(1));
        }
        Matcher json = JSON_TYPE.matcher(text);
        if (json.find()) {
            String type = json.group(1);
            return valid(type.substring(type.lastIndexOf('#') + 1).split(":", 2)[0]);
        }
        return Optional.empty();
    }

    /** The text string after the key {@code __type}: its length in the head byte (under 24) or the next one. */
    private static Optional<String> fromCbor(byte[] body, int end) {
        for (int at = 0; at + CBOR_TYPE_KEY.length < end; at++) {
            if (!matchesAt(body, at)) {
                continue;
            }
            int head = body[at + CBOR_TYPE_KEY.length] & 0xff;
            int start = at + CBOR_TYPE_KEY.length + 1;
            int size;
            if (head >= 0x60 && head < 0x78) {
                size = head - 0x60;
            } else if (head == 0x78 && start < end) {
                size = body[start] & 0xff;
                start++;
            } else {
                return Optional.empty();
            }
            if (start + size > end) {
                return Optional.empty();
            }
            String type = new String(body, start, size, StandardCharsets.UTF_8);
            return valid(type.substring(type.lastIndexOf('#') + 1));
        }
        return Optional.empty();
    }

    private static boolean matchesAt(byte[] body, int at) {
        for (int i = 0; i < CBOR_TYPE_KEY.length; i++) {
            if (body[at + i] != CBOR_TYPE_KEY[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> valid(String code) {
        String trimmed = code.trim();
        return CODE.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }
}
