package dev.backlane.server.protocol;

/** The types a service model gives its shapes. */
public enum ShapeType {
    STRUCTURE,
    LIST,
    MAP,
    STRING,
    INTEGER,
    LONG,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    TIMESTAMP,
    BLOB;

    static ShapeType of(String modelName) {
        return valueOf(modelName.toUpperCase(java.util.Locale.ROOT));
    }

    boolean isScalar() {
        return switch (this) {
            case STRUCTURE, LIST, MAP -> false;
            case STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, BLOB -> true;
        };
    }
}
