package dev.backlane.cli.gameday;

/** A game day that cannot go on: Backlane refused a step (a fault, an experiment, a piece of its world). */
final class GamedayFailure extends RuntimeException {
    GamedayFailure(String message) {
        super(message, null, false, false);
    }
}
