package dev.backlane.server.store;

/** The store cannot be opened, read or written; the message says what to do about it. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
