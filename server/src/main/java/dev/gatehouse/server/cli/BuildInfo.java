package dev.gatehouse.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What the build wrote into the jar about itself: the version and build time
 * (META-INF/gatehouse/build.properties; the build time is the reproducible-build timestamp)
 * and the commit (META-INF/gatehouse/commit).
 */
public final class BuildInfo implements IVersionProvider {

    private static final String PROPERTIES = "/META-INF/gatehouse/build.properties";
    private static final String COMMIT = "/META-INF/gatehouse/commit";

    /** The Gatehouse version this jar was built as. */
    public static String version() {
        return properties().getProperty("version", "unknown");
    }

    /** The build's timestamp. */
    public static String built() {
        return properties().getProperty("built", "unknown");
    }

    /** The commit the jar was built from, or "unknown". */
    public static String commit() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(COMMIT)) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + COMMIT, e);
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(PROPERTIES)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + PROPERTIES, e);
        }
        return properties;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Gatehouse " + version(), "commit " + commit(), "built " + built()};
    }
}
