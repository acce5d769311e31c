package dev.backlane.cli;

import dev.backlane.cli.common.AdminClient;
import dev.backlane.cli.common.CommandFailure;
import dev.backlane.cli.common.ExitCode;
import dev.backlane.server.store.SqlStore;
import dev.backlane.server.store.StateDump;
import dev.backlane.server.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code backlane export FILE}: writes all state as the portable, versioned JSON dump. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write all state to FILE as a portable JSON dump: of the running Backlane, or of a store given with --data-dir or --store.",
        exitCodeListHeading = ExitCode.HEADING,
        exitCodeList = {"0:the dump was written", "1:the store cannot be read (locked by a running server, or not Backlane's)",
                ExitCode.USAGE_LINE, ExitCode.UNREACHABLE_LINE})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the dump.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    StateLocation location = new StateLocation();

    @Override
    public Integer call() {
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw CommandFailure.usage(file + " is a directory: give the path of the file to write");
        }
        if (!Files.isDirectory(directory)) {
            throw CommandFailure.usage("cannot write " + file + ": the directory " + directory + " does not exist");
        }
        try {
            Path temporary = Files.createTempFile(directory, ".backlane-export", ".json");
            try {
                if (location.isServer()) {
                    AdminClient server = location.server();
                    HttpResponse<Path> response = server.send(server.request(StateLocation.STATE_PATH).GET(), HttpResponse.BodyHandlers.ofFile(temporary));
                    server.check(response.statusCode(), StateLocation.STATE_PATH, Files.readString(temporary, StandardCharsets.UTF_8), "the export");
                } else {
                    try (SqlStore store = location.openStore(); OutputStream out = Files.newOutputStream(temporary)) {
                        new StateDump().write(store.load(), out);
                    }
                }
                // Written whole or not at all: a failed export never leaves half a file behind.
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (StoreException e) {
            throw CommandFailure.failed(e.getMessage());
        } catch (IOException e) {
            throw CommandFailure.failed("cannot write " + file + ": " + (e.getMessage() == null ? "an I/O error" : e.getMessage()));
        }
        spec.commandLine().getOut().println("Exported state to " + file);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
