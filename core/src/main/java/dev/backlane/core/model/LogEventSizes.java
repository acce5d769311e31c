package dev.backlane.core.model;


/** How CloudWatch Logs measures events: a message's UTF-8 bytes plus 26 bytes of overhead per event. */
public final class LogEventSizes {
    /** AWS adds this to every event's message when it sizes a batch. */
    public static final int EVENT_OVERHEAD_BYTES = 26;

    private LogEventSizes() {}

    public static long sizeOf(LogEvent event) {
        return utf8Length(event.message()) + EVENT_OVERHEAD_BYTES;
    }

    /** The UTF-8 length of {@code text}, without encoding it. */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

}
