package dev.backlane.cli.common;

import dev.backlane.core.policy.CompiledPolicy;
import dev.backlane.core.policy.PolicyParseException;
import java.nio.file.Path;

/** A policy document named on the command line, checked here so that an invalid one is reported with its file's name. */
public final class PolicyFile {
    private PolicyFile() {}

    /** The document's text, once it is known to parse; {@code role} names it in messages, e.g. "the identity policy". */
    public static String read(Path file, String role) {
        String document = InputFile.readString(file, role);
        try {
            CompiledPolicy.parse(document);
        } catch (PolicyParseException e) {
            throw CommandFailure.failed(role + " " + file + " is not valid: " + e.getMessage());
        }
        return document;
    }
}
