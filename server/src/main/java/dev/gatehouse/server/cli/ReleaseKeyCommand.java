package dev.gatehouse.server.cli;

import dev.gatehouse.server.release.Checksums;
import dev.gatehouse.server.release.KeyPairFiles;
import dev.gatehouse.server.release.Signatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse release-key}: make an Ed25519 release key pair, and sign a bundle's
 * {@code SHA256SUMS} with it (what {@code bin/gatehouse dist} runs). Key safekeeping and rotation:
 * docs/supply-chain.md.
 */
@Command(name = "release-key", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Make a release signing key pair, or sign a release bundle's SHA256SUMS.")
final class ReleaseKeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: generate or sign");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, description = {
            "Write a new Ed25519 key pair into DIR: " + KeyPairFiles.PRIVATE_FILE + " (PKCS#8 PEM, readable by its",
            "owner only) and " + KeyPairFiles.PUBLIC_FILE + " (PEM). Existing files are never replaced."})
    int generate(@Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
            Path out) {
        try {
            KeyPairFiles.Written written = KeyPairFiles.generate(out);
            PrintWriter print = spec.commandLine().getOut();
            print.println("Private key: " + written.privateKey() + " (keep it offline; never commit it)");
            print.println("Public key:  " + written.publicKey());
            print.println("Fingerprint: " + written.key().fingerprint());
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gatehouse release-key generate: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = {
            "Sign FILE (a bundle's SHA256SUMS) with the private key; writes the raw 64-byte Ed25519 signature",
            "to FILE.sig, replacing it."})
    int sign(@Option(names = "--key", required = true, paramLabel = "KEYFILE",
                    description = "The private key, PKCS#8 PEM (as openssl genpkey -algorithm ed25519 writes it).")
            Path keyFile,
            @Parameters(paramLabel = "FILE", defaultValue = Checksums.FILE, description = "The file to sign.") Path file) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            PrivateKey key = Signatures.privateKey(Files.readString(keyFile));
            byte[] signature = Signatures.sign(Files.readAllBytes(file), key);
            Path signatureFile = file.resolveSibling(file.getFileName() + ".sig");
            Files.write(signatureFile, signature, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            spec.commandLine().getOut().println("Signed " + file + " into " + signatureFile);
            return 0;
        } catch (IOException e) {
            err.println("gatehouse release-key sign: can not read or write " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("gatehouse release-key sign: " + keyFile + ": " + e.getMessage());
            return 1;
        }
    }
}
