package dev.backlane.core.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads one of the JSON data files shipped in the jar ({@code /dev/backlane/core/data/...}); a missing file is a build fault. */
final class DataResource {
    private DataResource() {}

    static JsonNode read(String resource) {
        try (InputStream in = DataResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
