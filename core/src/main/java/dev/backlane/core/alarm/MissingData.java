package dev.backlane.core.alarm;

import java.util.Arrays;
import java.util.Optional;

/** {@code TreatMissingData}: how an alarm counts the periods of its evaluation range that have no data. */
public enum MissingData {
    /** Missing periods count as breaching. */
    BREACHING("breaching"),
    /** Missing periods count as within the threshold. */
    NOT_BREACHING("notBreaching"),
    /** The alarm keeps its state while data is missing. */
    IGNORE("ignore"),
    /** The default: missing periods are not counted; with none at all the alarm has insufficient data. */
    MISSING("missing");

    private final String wireName;

    MissingData(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<MissingData> of(String wireName) {
        return Arrays.stream(values()).filter(value -> value.wireName.equals(wireName)).findFirst();
    }
}
