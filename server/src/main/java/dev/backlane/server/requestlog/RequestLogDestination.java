package dev.backlane.server.requestlog;

import java.util.Locale;

/** Where a server writes its request log: {@code --log-requests=file|stdout|off}. */
public enum RequestLogDestination {
    /** {@code requests.log} under the data directory's {@code logs/}, rotated: the default. */
    FILE,
    STDOUT,
    OFF;

    /** The destination named {@code file}, {@code stdout} or {@code off} (any case). */
    public static RequestLogDestination parse(String name) {
        for (RequestLogDestination destination : values()) {
            if (destination.name().equalsIgnoreCase(name)) {
                return destination;
            }
        }
        throw new IllegalArgumentException("--log-requests must be file, stdout or off (got '" + name + "')");
    }

    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
