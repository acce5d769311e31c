package dev.backlane.core.fault;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kinds of toxic, as Toxiproxy names them, each with the attributes it takes (all whole numbers, as in
 * Toxiproxy): {@code latency} delays all data by {@code latency} ms plus or minus {@code jitter} ms;
 * {@code bandwidth} limits the data to {@code rate} KB/s; {@code slow_close} delays the close of the connection by
 * {@code delay} ms; {@code timeout} stops all data and closes the connection after {@code timeout} ms (0: never
 * closes, data dropped while the toxic lasts); {@code reset_peer} resets the connection (TCP RST, "connection reset
 * by peer") at once or after {@code timeout} ms; {@code limit_data} closes the connection once {@code bytes} bytes
 * have passed.
 */
public enum ToxicType {
    LATENCY("latency", List.of("latency", "jitter"), List.of()),
    BANDWIDTH("bandwidth", List.of("rate"), List.of("rate")),
    SLOW_CLOSE("slow_close", List.of("delay"), List.of()),
    TIMEOUT("timeout", List.of("timeout"), List.of()),
    RESET_PEER("reset_peer", List.of("timeout"), List.of()),
    LIMIT_DATA("limit_data", List.of("bytes"), List.of("bytes"));

    private final String wireName;
    private final List<String> attributes;
    private final List<String> required;

    ToxicType(String wireName, List<String> attributes, List<String> required) {
        this.wireName = wireName;
        this.attributes = attributes;
        this.required = required;
    }

    /** Toxiproxy's name: {@code latency}, {@code slow_close} ... */
    public String wireName() {
        return wireName;
    }

    /** The attributes it takes; any left out is 0. */
    public List<String> attributes() {
        return attributes;
    }

    /** The attributes that must be given (a bandwidth without a rate or a data limit without bytes means nothing). */
    public List<String> required() {
        return required;
    }

    /** The type named {@code text} (Toxiproxy's name, any case), empty when there is none. */
    public static java.util.Optional<ToxicType> parse(String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static String names() {
        return Stream.of(values()).map(ToxicType::wireName).collect(Collectors.joining(", "));
    }
}
