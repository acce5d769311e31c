package dev.backlane.core.analysis;

/**
 * Where a path ends: privately through a VPC endpoint (or inside the private network), publicly through
 * an internet or NAT gateway, or nowhere.
 */
public enum Verdict {
    PRIVATE,
    PUBLIC,
    BLOCKED
}
