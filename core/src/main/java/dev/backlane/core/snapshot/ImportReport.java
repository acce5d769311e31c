package dev.backlane.core.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an import read and what it found wrong, none of it fatal: per file the items read under each
 * top-level key and the scope they went to; per scope the resources of each kind; the keys no importer
 * knows; references to resources that are not in the snapshot (a route to a NAT gateway that is not
 * there, a subnet of an unknown VPC, ...); and notes on what was assumed or left out.
 */
public record ImportReport(List<FileRead> files, List<ScopeCount> scopes, List<UnknownKey> unknownKeys,
        List<BrokenReference> brokenReferences, List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ImportReport {
        files = List.copyOf(requireNonNull(files, "files is null"));
        scopes = List.copyOf(requireNonNull(scopes, "scopes is null"));
        unknownKeys = List.copyOf(requireNonNull(unknownKeys, "unknownKeys is null"));
        brokenReferences = List.copyOf(requireNonNull(brokenReferences, "brokenReferences is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
    }

    /** One file: the scope its items went to and how many items it held under each known key. */
    public record FileRead(String file, String account, String region, SortedMap<String, Integer> items) {
        public FileRead {
            requireNonNull(file, "file is null");
            items = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(items, "items is null")));
        }
    }

    /** One account and region: how many resources of each kind ({@code vpc}, {@code subnet}, ...) it holds. */
    public record ScopeCount(String account, String region, SortedMap<String, Integer> resources) {
        public ScopeCount {
            requireNonNull(account, "account is null");
            requireNonNull(region, "region is null");
            resources = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(resources, "resources is null")));
        }
    }

    /** A top-level key of a file that no importer reads. */
    public record UnknownKey(String file, String key) {
        public UnknownKey {
            requireNonNull(file, "file is null");
            requireNonNull(key, "key is null");
        }
    }

    /**
     * A reference from {@code resourceId} (its {@code field}) to {@code missingId}, a {@code missingKind}
     * that the snapshot does not hold in the resource's scope.
     */
    public record BrokenReference(String account, String region, String resourceId, String field, String missingId, String missingKind,
            String message) {
        public BrokenReference {
            requireNonNull(account, "account is null");
            requireNonNull(region, "region is null");
            requireNonNull(resourceId, "resourceId is null");
            requireNonNull(field, "field is null");
            requireNonNull(missingId, "missingId is null");
            requireNonNull(missingKind, "missingKind is null");
            requireNonNull(message, "message is null");
        }
    }

    /** The resources of a kind (by its tag name, e.g. {@code subnet}) over all scopes. */
    public int count(String kind) {
        return scopes.stream().mapToInt(scope -> scope.resources().getOrDefault(kind, 0)).sum();
    }

    /** The items read under a top-level key (e.g. {@code Subnets}) over all files. */
    public int itemsRead(String key) {
        return files.stream().mapToInt(file -> file.items().getOrDefault(key, 0)).sum();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the import report cannot be written as JSON", e);
        }
    }

    /** The report as lines for people. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Read ").append(files.size()).append(files.size() == 1 ? " file" : " files").append('\n');
        for (FileRead file : files) {
            text.append("  ").append(file.file()).append(" -> ").append(file.account()).append('/').append(file.region());
            file.items().forEach((key, count) -> text.append("  ").append(key).append('=').append(count));
            text.append('\n');
        }
        for (ScopeCount scope : scopes) {
            text.append("Scope ").append(scope.account()).append('/').append(scope.region()).append('\n');
            scope.resources().forEach((kind, count) -> text.append("  ").append(kind).append(": ").append(count).append('\n'));
        }
        if (!unknownKeys.isEmpty()) {
            text.append("Unknown keys (not read)\n");
            unknownKeys.forEach(unknown -> text.append("  ").append(unknown.file()).append(": ").append(unknown.key()).append('\n'));
        }
        if (!brokenReferences.isEmpty()) {
            text.append("Broken references\n");
            brokenReferences.forEach(broken -> text.append("  ").append(broken.message()).append('\n'));
        }
        if (!notes.isEmpty()) {
            text.append("Notes\n");
            notes.forEach(note -> text.append("  ").append(note).append('\n'));
        }
        return text.toString();
    }

    /** Collects the parts of a report while a snapshot is read. */
    static final class Builder {
        private final List<FileRead> files = new ArrayList<>();
        private final List<ScopeCount> scopes = new ArrayList<>();
        private final List<UnknownKey> unknownKeys = new ArrayList<>();
        private final List<BrokenReference> brokenReferences = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        void file(FileRead file) {
            files.add(file);
        }

        void scope(ScopeCount scope) {
            scopes.add(scope);
        }

        void unknownKey(String file, String key) {
            unknownKeys.add(new UnknownKey(file, key));
        }

        void broken(BrokenReference reference) {
            brokenReferences.add(reference);
        }

        void note(String note) {
            notes.add(note);
        }

        ImportReport build() {
            return new ImportReport(files, scopes, unknownKeys, brokenReferences, notes);
        }
    }
}
