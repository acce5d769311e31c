package dev.backlane.core.world;

/** Creates what a scope has before anyone touches it, as a real account does: the default VPC and its subnets. */
@FunctionalInterface
public interface ScopeInitializer {
    void initialize(Transaction transaction);
}
