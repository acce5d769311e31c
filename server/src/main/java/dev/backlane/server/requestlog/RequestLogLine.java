package dev.backlane.server.requestlog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One request as one logfmt line: {@code key=value} pairs separated by spaces, in a fixed order, values
 * quoted only when they hold a space, a quote, an equals sign or nothing. Fields the call did not have
 * (an error code on success, SDK headers from a client that sends none) are left out. The fields are
 * described in {@code docs/request-log.md}. One instance per writing thread: it keeps the text of the
 * last second it wrote, as formatting a timestamp costs more than the rest of the line.
 */
final class RequestLogLine {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private long lastSecond = Long.MIN_VALUE;
    private String lastSecondText = "";

    String format(RequestRecord record) {
        StringBuilder line = new StringBuilder(256);
        line.append("time=");
        long second = record.time().getEpochSecond();
        if (second != lastSecond) {
            lastSecond = second;
            lastSecondText = SECOND.format(record.time());
        }
        String fractionOfSecond = Integer.toString(record.time().getNano() / 1000);
        line.append(lastSecondText).append('.').append("000000", fractionOfSecond.length(), 6).append(fractionOfSecond).append('Z');
        field(line, "request_id", record.requestId());
        field(line, "account", record.account());
        field(line, "region", record.region());
        field(line, "service", record.service());
        field(line, "action", record.action());
        if (!record.resourceIds().isEmpty()) {
            field(line, "ids", String.join(",", record.resourceIds()));
        }
        line.append(" status=").append(record.status());
        field(line, "error", record.errorCode());
        long micros = record.latencyNanos() / 1000;
        line.append(" latency_ms=").append(micros / 1000).append('.');
        String fraction = Long.toString(micros % 1000);
        line.append("000", fraction.length(), 3).append(fraction);
        field(line, "invocation_id", record.invocationId());
        if (record.sdkRequest() != null) {
            // "attempt=2; max=3" becomes attempt=2 max_attempts=3; anything else is kept whole.
            String attempt = sdkValue(record.sdkRequest(), "attempt");
            String max = sdkValue(record.sdkRequest(), "max");
            if (attempt != null) {
                field(line, "attempt", attempt);
                field(line, "max_attempts", max);
            } else {
                field(line, "sdk_request", record.sdkRequest());
            }
        }
        field(line, "client", record.client());
        line.append(" sent=").append(record.sent());
        return line.toString();
    }

    /** The value of {@code name} in the SDK's {@code attempt=2; max=3} header, or null. */
    static String sdkValue(String header, String name) {
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(name + "=")) {
                return trimmed.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void field(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        line.append(' ').append(key).append('=');
        if (!needsQuotes(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> line.append(c < 0x20 ? ' ' : c);
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
