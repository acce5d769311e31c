package dev.backlane.server.api;

/** A group of related operations (VPCs, subnets, route tables, ...) that registers its handlers. */
public interface OperationFamily {
    void register(OperationRegistry registry);
}
