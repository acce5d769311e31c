package dev.backlane.core.model;

/**
 * An immutable resource of the emulated cloud, identified within its scope by {@link #id()}. Tags are
 * kept apart ({@link ResourceTags}) so that tagging any resource works the same way.
 */
public interface Resource {
    String id();
}
