package dev.backlane.cli.gameday;

/** A game day that cannot start as asked: a time scale that makes a fault too short for Backlane. */
final class GamedayUsageException extends RuntimeException {
    GamedayUsageException(String message) {
        super(message, null, false, false);
    }
}
