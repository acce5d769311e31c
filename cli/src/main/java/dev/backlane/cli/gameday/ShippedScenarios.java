package dev.backlane.cli.gameday;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The game days shipped in the jar ({@code dev/backlane/cli/gameday/scenarios/NAME.yaml}, listed in {@code index.txt}). */
final class ShippedScenarios {
    private static final String FOLDER = "/dev/backlane/cli/gameday/scenarios/";

    private ShippedScenarios() {}

    static List<String> names() {
        return read("index.txt").orElseThrow().lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** The text of the shipped scenario {@code name}, when there is one. */
    static Optional<String> text(String name) {
        return names().contains(name) ? read(name + ".yaml") : Optional.empty();
    }

    private static Optional<String> read(String file) {
        try (InputStream in = ShippedScenarios.class.getResourceAsStream(FOLDER + file)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
