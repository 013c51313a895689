package org.assemblybot.feature.basics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into the jar, so {@code !about} tells organizers what is running. */
final class BuildVersion {
    static final String RESOURCE = "assembly-bot-version.properties";
    static final String UNKNOWN = "unknown";

    private BuildVersion() {
    }

    static String read() {
        return read(RESOURCE);
    }

    static String read(String resource) {
        try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // An unfiltered resource (run from an IDE without Maven) still holds the placeholder.
            return version.isEmpty() || version.contains("${") ? UNKNOWN : version;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
