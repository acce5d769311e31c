package dev.backlane.core.model;

/**
 * A resource with a name callers look it up by (a security group's group name). Each scope indexes
 * these by name, so lookups and name filters do not scan the table.
 */
public interface Named {
    String name();
}
