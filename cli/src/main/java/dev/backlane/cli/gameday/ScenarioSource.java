package dev.backlane.cli.gameday;

import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.InputFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scenario named on the command line: a YAML file, or the name of a shipped one ({@code backlane gameday list}). */
final class ScenarioSource {
    private ScenarioSource() {}

    static Scenario read(String argument) {
        Path path = Path.of(argument);
        if (Files.exists(path) || argument.endsWith(".yaml") || argument.endsWith(".yml")) {
            return ScenarioReader.read(argument, InputFile.readString(path, "the game-day file"));
        }
        String text = ShippedScenarios.text(argument).orElseThrow(() -> CommandFailure.usage("'" + argument
                + "' is neither a file nor a shipped game day (" + String.join(", ", ShippedScenarios.names()) + ")"));
        return ScenarioReader.read(argument + ".yaml (shipped)", text);
    }
}
