package dev.backlane.core.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns the items under one top-level key of a describe-* document into resources of the scope. */
interface KindImporter {
    void read(JsonNode item, ImportContext context);
}
