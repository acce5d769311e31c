package dev.backlane.server;

/** An answer to an AWS API call: HTTP status and XML body. */
public record ApiResponse(int status, String body) {}
