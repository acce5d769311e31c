package dev.backlane.core.policy;

/**
 * A compiled ARN pattern for the Resource element and the Arn condition operators. Each of the six
 * parts is matched on its own, so a wildcard never reaches across a colon except inside the resource
 * part, which runs to the end. {@code "*"} matches anything; a pattern without six parts (which the
 * validator reports) is matched against the whole text.
 */
final class ArnPattern {

    private final Glob whole;
    private final Glob[] parts;

    private ArnPattern(Glob whole, Glob[] parts) {
        this.whole = whole;
        this.parts = parts;
    }

    static ArnPattern compile(String pattern) {
        return fromGlobText(pattern, Glob.compile(pattern));
    }

    /** Compiles a pattern whose wildcard positions are already decided (after variables were resolved). */
    static ArnPattern fromGlob(Glob glob) {
        return fromGlobText(glob.toString(), glob);
    }

    private static ArnPattern fromGlobText(String text, Glob glob) {
        if (glob.matchesEverything()) {
            return new ArnPattern(glob, null);
        }
        int[] bounds = Arn.bounds(text);
        if (bounds == null) {
            return new ArnPattern(glob, null);
        }
        Glob[] parts = new Glob[Arn.PARTS];
        for (int part = 0; part < Arn.PARTS; part++) {
            parts[part] = glob.slice(bounds[part * 2], bounds[part * 2 + 1]);
        }
        return new ArnPattern(glob, parts);
    }

    /** Whether the value matches; {@code valueBounds} are its {@link Arn#bounds}, null when it is not an ARN. */
    boolean matches(String value, int[] valueBounds) {
        if (parts == null) {
            return whole.matches(value);
        }
        if (valueBounds == null) {
            return false;
        }
        for (int part = 0; part < Arn.PARTS; part++) {
            if (!parts[part].matches(value, valueBounds[part * 2], valueBounds[part * 2 + 1])) {
                return false;
            }
        }
        return true;
    }

    boolean matches(String value) {
        return matches(value, Arn.bounds(value));
    }
}
