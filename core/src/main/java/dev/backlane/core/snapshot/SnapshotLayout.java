package dev.backlane.core.snapshot;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the files of a snapshot are and what their place says: {@code DIR/aws_configs/ACCOUNT/REGION/},
 * {@code DIR/aws_configs/REGION/}, {@code DIR/REGION/}, or flat ({@code DIR/} or {@code DIR/aws_configs/}),
 * where the data must tell the account and region. When {@code aws_configs} exists only it is read,
 * so a Batfish snapshot's other directories are left alone.
 */
public final class SnapshotLayout {
    static final String AWS_CONFIGS = "aws_configs";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");

    private SnapshotLayout() {}

    /** What a file's directories say: an account and a region, each null when the layout does not give it. */
    public record Location(String account, String region) {}

    /**
     * Which of a snapshot directory's files (names relative to it, with {@code /}) are its documents, in
     * name order: the JSON files, and only those under {@code aws_configs/} when there are any there.
     * The caller lists and reads the files; this says which, so core does no I/O.
     */
    public static List<String> documentNames(Collection<String> fileNames) {
        List<String> json = fileNames.stream().filter(name -> name.toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList();
        List<String> configs = json.stream().filter(SnapshotLayout::isUnderAwsConfigs).toList();
        return configs.isEmpty() ? json : configs;
    }

    private static boolean isUnderAwsConfigs(String name) {
        return name.startsWith(AWS_CONFIGS + "/");
    }

    /** The account and region the directories of {@code name} (relative, with {@code /}) give. */
    public static Location locate(String name) {
        String[] segments = name.split("/");
        int first = 0;
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equals(AWS_CONFIGS)) {
                first = i + 1;
            }
        }
        String account = null;
        String region = null;
        for (int i = first; i < segments.length - 1; i++) {
            if (ACCOUNT.matcher(segments[i]).matches()) {
                account = segments[i];
            } else if (REGION.matcher(segments[i]).matches()) {
                region = segments[i];
            }
        }
        return new Location(account, region);
    }

    /** The region of a zone name: {@code us-east-1} for {@code us-east-1a} or {@code us-west-2-lax-1a}. */
    static String regionOfZone(String zone) {
        java.util.regex.Matcher matcher = Pattern.compile("^([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+)").matcher(zone == null ? "" : zone);
        return matcher.find() ? matcher.group(1) : null;
    }

    static boolean isAccount(String text) {
        return text != null && ACCOUNT.matcher(text).matches();
    }
}
