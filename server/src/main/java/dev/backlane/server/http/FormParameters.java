package dev.backlane.server.http;

import dev.backlane.core.error.AwsException;
import dev.backlane.core.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (a body or a query string) strictly: the
 * bytes must be UTF-8 and percent-escapes well formed, and a parameter may appear only once.
 */
public final class FormParameters {
    private FormParameters() {}

    public static void decodeInto(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeComponent(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeComponent(pair.substring(equals + 1));
            if (into.putIfAbsent(name, value) != null) {
                throw AwsException.of(ErrorCode.INVALID_PARAMETER_VALUE, "The parameter %s is given more than once", name);
            }
        }
    }

    public static Map<String, String> decode(byte[] body) {
        Map<String, String> parameters = new LinkedHashMap<>();
        decodeInto(utf8(body), parameters);
        return parameters;
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw AwsException.of(ErrorCode.MALFORMED_QUERY_STRING, "The request is not valid UTF-8.");
        }
    }

    private static String decodeComponent(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes[length++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw AwsException.of(ErrorCode.MALFORMED_QUERY_STRING, "The request contains a malformed percent-escape: %s", text);
                }
                bytes[length++] = (byte) ((Character.digit(text.charAt(i + 1), 16) << 4) | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (length + encoded.length > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2 + encoded.length);
                }
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
            }
        }
        return utf8(java.util.Arrays.copyOf(bytes, length));
    }
}
