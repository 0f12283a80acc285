package dev.gatehouse.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What the build wrote into the jar about itself (META-INF/gatehouse/build.properties). */
public final class BuildInfo implements IVersionProvider {

    private static final String RESOURCE = "/META-INF/gatehouse/build.properties";

    /** The Gatehouse version this jar was built as. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + RESOURCE, e);
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Gatehouse " + version()};
    }
}
