package dev.backlane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version and git commit the build wrote into {@code version.properties} (see the cli pom), for
 * {@code backlane -V}: which build a CI log came from. Classes compiled outside Maven have neither.
 */
final class BacklaneVersion implements CommandLine.IVersionProvider {
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = BacklaneVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException unreadable) {
            // Reported as unknown below, like a build without the file.
        }
        return new String[] {"backlane " + build.getProperty("version", UNKNOWN) + " (commit " + build.getProperty("commit", UNKNOWN) + ")"};
    }
}
