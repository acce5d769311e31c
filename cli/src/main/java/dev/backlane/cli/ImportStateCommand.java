package dev.backlane.cli;

import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.cli.common.InputFile;
import dev.backlane.core.error.AwsException;
import dev.backlane.core.world.World;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code backlane import-state FILE}: replaces all state with a dump written by {@code export}, in one
 * transaction. The dump is read and checked whole before anything is replaced.
 */
@Command(name = "import-state", mixinStandardHelpOptions = true,
        description = "Replace all state with the JSON dump in FILE: of the running Backlane, or of a store given with --data-dir or --store.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:all state was replaced", "1:the dump is not one Backlane can read, or the store or server refused it (nothing was replaced)",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
final class ImportStateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A dump written by backlane export.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    StateLocation location = new StateLocation();

    @Override
    public Integer call() {
        World world;
        try (InputStream in = InputFile.open(file, "the dump")) {
            world = new StateDump().read(in);
        } catch (StoreException e) {
            throw CommandFailure.failed(file + ": " + e.getMessage());
        } catch (AwsException e) {
            throw CommandFailure.failed(file + " holds state Backlane refuses: " + e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.usage("the dump " + file + " cannot be read: " + e.getMessage());
        }
        if (location.isServer()) {
            AdminClient server = location.server();
            HttpResponse<String> response;
            try {
                response = server.send(server.request(StateLocation.STATE_PATH).PUT(HttpRequest.BodyPublishers.ofFile(file)),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.FileNotFoundException e) {
                throw CommandFailure.usage("the dump " + file + " disappeared while importing it");
            }
            server.check(response.statusCode(), StateLocation.STATE_PATH, response.body(), "the dump");
        } else {
            try (SqlStore store = location.openStore()) {
                store.load();
                store.replaceAll(world);
            } catch (StoreException e) {
                throw CommandFailure.failed(e.getMessage());
            }
        }
        spec.commandLine().getOut().println("Imported " + world.scopes().size() + " scope(s) from " + file);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
