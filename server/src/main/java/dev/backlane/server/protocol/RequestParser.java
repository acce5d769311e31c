package dev.backlane.server.protocol;

import java.util.Map;

/** Reads an operation's input from a request as one protocol writes it, checked against the model: a tree keyed by member names. */
public interface RequestParser {
    Map<String, Object> parse(OperationModel operation, WireRequest request);
}
