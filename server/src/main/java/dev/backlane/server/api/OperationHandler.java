package dev.backlane.server.api;

import java.util.Map;

/** Carries out one operation: reads the call's input, runs a command or a query, returns the output tree. */
@FunctionalInterface
public interface OperationHandler {
    Map<String, Object> handle(Call call);
}
