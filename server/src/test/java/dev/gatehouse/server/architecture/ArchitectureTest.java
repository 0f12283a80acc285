package dev.gatehouse.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of docs/development.md, checked on the compiled main classes of core and
 * server (the server's test classpath holds both, as class folders or, after packaging, as the
 * core jar: both are imported), and on their sources where the classes can not tell.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gatehouse");
    }

    @Test
    void theRulesSeeTheClassesTheyGuard() {
        // Every rule below allows an empty match; this keeps them from passing on nothing.
        assertTrue(classes.contain("dev.gatehouse.server.cli.Main"), "server classes imported");
        assertTrue(classes.contain("dev.gatehouse.Gateway"), "core classes imported");
        assertTrue(classes.contain("dev.gatehouse.provider.openai.OpenAiProvider"), "provider classes imported");
    }

    @Test
    void coreNeverImportsServer() {
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.server..")
                .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.server..")
                .allowEmptyShould(true)
                .because("core is a library usable without the server")
                .check(classes);
    }

    @Test
    void providersNeverImportEachOther() {
        SlicesRuleDefinition.slices().matching("dev.gatehouse.provider.(*)..")
                .should().notDependOnEachOther()
                .allowEmptyShould(true)
                .because("adding a provider is adding one package; providers share only the canonical model")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.server.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .allowEmptyShould(true)
                .because("everything else logs through System.Logger, which redacts")
                .check(classes);
    }

    /**
     * A log message is a plain string, built where it is logged: the variants that take
     * parameters run the message through {@link java.text.MessageFormat}, where a single quote
     * starts a quoted section (so "Gatehouse's user" lost its quote) and a doubled one shows as
     * one only in the pattern, not in a parameter (so "its model''s only deployment" was logged).
     */
    @Test
    void noLogMessageIsAMessageFormatPattern() {
        noClasses()
                .should().callMethod(System.Logger.class, "log", System.Logger.Level.class, String.class,
                        Object[].class)
                .orShould().callMethod(System.Logger.class, "log", System.Logger.Level.class,
                        java.util.ResourceBundle.class, String.class, Object[].class)
                .orShould().callMethod(java.util.logging.Logger.class, "log", java.util.logging.Level.class,
                        String.class, Object.class)
                .orShould().callMethod(java.util.logging.Logger.class, "log", java.util.logging.Level.class,
                        String.class, Object[].class)
                .allowEmptyShould(true)
                .because("a message with parameters goes through MessageFormat, whose quoting rules mangle"
                        + " apostrophes; log a Supplier<String> (or a plain string) instead")
                .check(classes);
    }

    /**
     * Every package says its job in a {@code package-info.java}. Read from the sources: javac
     * writes no class for a package-info that holds only a comment.
     */
    @Test
    void everyMainPackageSaysItsJob() throws IOException {
        Path root = projectRoot();
        List<String> silent;
        try (Stream<Path> dirs = Stream.of("core/src/main/java", "server/src/main/java")
                .map(root::resolve)
                .flatMap(ArchitectureTest::directories)) {
            silent = dirs.filter(dir -> holdsJava(dir) && !Files.exists(dir.resolve("package-info.java")))
                    .map(dir -> root.relativize(dir).toString())
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), silent, "packages without a package-info.java");
    }

    private static Stream<Path> directories(Path sources) {
        try {
            return Files.walk(sources).filter(Files::isDirectory);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".java")
                    && !f.getFileName().toString().equals("module-info.java"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checkout: the build runs the server's tests in server/, but look upwards to be sure. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("core/src/main/java"))
                    && Files.isDirectory(dir.resolve("server/src/main/java"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no core/ and server/ above " + Path.of("").toAbsolutePath());
    }
}
