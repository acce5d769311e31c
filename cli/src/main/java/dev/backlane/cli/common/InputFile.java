package dev.backlane.cli.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file named on the command line, read with plain messages: one that does not exist, is a directory
 * or cannot be read is a usage error saying which, never an exception's name.
 */
public final class InputFile {
    private InputFile() {}

    /** The file's text (UTF-8); {@code role} names it in messages, e.g. "the policy". */
    public static String readString(Path file, String role) {
        requireRegularFile(file, role);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw CommandFailure.usage(role + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw unreadable(file, role, e);
        }
    }

    /** A line of a JSON Lines file and its number, from 1. */
    public record Line(int number, String text) {}

    /** The non-blank lines of a JSON Lines file (a batch of queries or cases), with their numbers for messages. */
    public static List<Line> nonBlankLines(Path file, String role) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file, role), StandardCharsets.UTF_8))) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(new Line(number, text));
                }
            }
        } catch (IOException e) {
            throw unreadable(file, role, e);
        }
        return lines;
    }

    /** Opens the file for reading, after the same checks as {@link #readString}. */
    public static InputStream open(Path file, String role) {
        requireRegularFile(file, role);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw unreadable(file, role, e);
        }
    }

    /** Fails unless {@code file} exists and is a regular file. */
    public static void requireRegularFile(Path file, String role) {
        if (!Files.exists(file)) {
            throw CommandFailure.usage(role + " " + file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw CommandFailure.usage(role + " " + file + " is a directory, not a file");
        }
    }

    /** Fails unless {@code directory} exists (a directory, or a single file where one is allowed). */
    public static void requireExisting(Path path, String role) {
        if (!Files.exists(path)) {
            throw CommandFailure.usage(role + " " + path + " does not exist");
        }
    }

    private static CommandFailure unreadable(Path file, String role, IOException e) {
        if (e instanceof AccessDeniedException) {
            return CommandFailure.usage(role + " " + file + " cannot be read: permission denied");
        }
        return CommandFailure.usage(role + " " + file + " cannot be read: " + (e.getMessage() == null ? "an I/O error" : e.getMessage()));
    }
}
