package dev.gatehouse.server.cli;

import dev.gatehouse.server.release.ProjectKeys;
import dev.gatehouse.server.release.ReleaseKey;
import dev.gatehouse.server.release.ReleaseVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse verify-release DIR|ARCHIVE}: checks an unpacked release bundle against its
 * signed {@code SHA256SUMS}, or a downloaded archive against its detached signature. Run it from a
 * Gatehouse you already trust: a tampered bundle's own verifier proves nothing (docs/deployment.md
 * shows the same checks with openssl and sha256sum).
 */
@Command(name = "verify-release", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = {"Check an unpacked release bundle: the Ed25519 signature of its SHA256SUMS, the SHA-256 of",
                "every file it lists, and that the folder holds no other file. Given the downloaded archive",
                "instead, check its detached signature (ARCHIVE.sig) before it is unpacked."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:the bundle is verified", "1:something differs (each difference is printed)",
                "2:bad arguments or an unreadable key file"})
final class VerifyReleaseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR|ARCHIVE", description = "The bundle's top folder (gatehouse-VERSION/), where"
            + " SHA256SUMS is; or the archive gatehouse-VERSION-linux-x64.tar.gz, with its .sig beside it.")
    private Path target;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "PEM file of the trusted public key(s) (default: the project's keys built into this jar).")
    private Path publicKey;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(target) && !Files.isRegularFile(target)) {
            err.println("gatehouse verify-release: no such folder or file: " + target);
            return 2;
        }
        List<ReleaseKey> trusted;
        try {
            trusted = publicKey == null ? ProjectKeys.load() : ReleaseKey.parseAll(Files.readString(publicKey));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("gatehouse verify-release: can not read " + (publicKey == null ? "the project's release keys"
                    : "the public key " + publicKey) + ": " + e.getMessage());
            return 2;
        }
        ReleaseVerifier.Verification result;
        try {
            result = Files.isDirectory(target) ? ReleaseVerifier.verify(target, trusted)
                    : ReleaseVerifier.verifyArchive(target, trusted);
        } catch (UncheckedIOException e) {
            err.println("gatehouse verify-release: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        for (String problem : result.problems()) {
            out.println("FAILED: " + problem);
        }
        if (!result.verified()) {
            out.println("Not verified: " + target + " (" + result.problems().size() + " problem"
                    + (result.problems().size() == 1 ? "" : "s") + ")");
            return 1;
        }
        String fingerprint = result.signer().orElseThrow().fingerprint();
        out.println(Files.isDirectory(target)
                ? "Verified: " + result.filesChecked() + " files of " + target + " match SHA256SUMS, signed by release key "
                        + fingerprint
                : "Verified: " + target + " is signed by release key " + fingerprint + "; unpack it and verify the folder");
        return 0;
    }
}
