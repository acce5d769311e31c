package dev.backlane.cli;

import picocli.CommandLine;

/** Reads the version Maven wrote into the jar's manifest. */
final class BacklaneVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BacklaneVersion.class.getPackage().getImplementationVersion();
        return new String[] {"backlane " + (version == null ? "development build" : version)};
    }
}
