package dev.gatehouse.server.cli;

import java.io.BufferedReader;
import java.io.IOException;

/** Reading what a {@code gatehouse serve} child process prints on its standard output. */
final class ServeOutput {

    private ServeOutput() {}

    /** The URL {@code serve} prints once it listens; null if it ends first. */
    static String listeningOn(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            int at = line.indexOf(" listening on ");
            if (at >= 0) {
                return line.substring(at + " listening on ".length()).trim();
            }
        }
        return null;
    }
}
