package dev.backlane.cli.gameday;

import java.time.Instant;
import java.util.Map;

/**
 * One reading during a game day: the server's SLI counts so far (numerator and denominator of each ratio signal,
 * summed over the scenario's keys) and the load generator's.
 */
record Sample(Instant at, Map<Signal, long[]> server, ClientCounters.Reading client) {}
