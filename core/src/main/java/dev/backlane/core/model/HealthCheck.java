package dev.backlane.core.model;

/** A target group's health check settings; {@code path} and {@code matcher} apply to HTTP(S) checks only. */
public record HealthCheck(
        boolean enabled,
        ElbProtocol protocol,
        String port,
        int intervalSeconds,
        int timeoutSeconds,
        int healthyThreshold,
        int unhealthyThreshold,
        String path,
        String matcher) {}
