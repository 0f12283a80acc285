package dev.gatehouse.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.Gateway;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's module-info holds for a library user on the module path: the API packages are
 * exported, the server's packages are not. The server runs on the class path, where no module
 * is enforced, so the check builds what a library user has: core and Jackson on a module path,
 * and a module of its own that requires core (docs/library.md).
 */
class LibraryModuleTest {

    private static final String CORE = "dev.gatehouse.core";

    @Test
    void aLibraryModuleCompilesAgainstTheApi(@TempDir Path dir) throws IOException {
        List<String> errors = compile(dir, """
                package example.app;

                import dev.gatehouse.Gateway;
                import dev.gatehouse.api.ChatRequest;
                import dev.gatehouse.provider.Deployment;
                import dev.gatehouse.secret.Secret;

                public class App {
                    public static Gateway gateway(Deployment deployment) {
                        return Gateway.builder().deployment(deployment).build();
                    }
                    static Class<?>[] api = {ChatRequest.class, Secret.class};
                }
                """);
        assertEquals(List.of(), errors);
    }

    @Test
    void aLibraryModuleCannotSeeTheServersPackages(@TempDir Path dir) throws IOException {
        List<String> errors = compile(dir, """
                package example.app;

                public class App {
                    static Object mapper = dev.gatehouse.json.Json.mapper();
                    static Class<?> wire = dev.gatehouse.api.wire.ChatRequestJson.class;
                }
                """);
        assertTrue(errors.stream().anyMatch(e -> e.contains("package dev.gatehouse.json is not visible")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("package dev.gatehouse.api.wire is not visible")), errors::toString);
    }

    @Test
    void atRunTimeTheServersPackagesAreClosedToOtherModules() throws Exception {
        ModuleLayer layer = libraryLayer();
        Module core = layer.findModule(CORE).orElseThrow();

        for (String api : List.of("dev.gatehouse", "dev.gatehouse.api", "dev.gatehouse.provider",
                "dev.gatehouse.routing", "dev.gatehouse.pricing", "dev.gatehouse.secret", "dev.gatehouse.http")) {
            assertTrue(core.isExported(api), api + " is exported");
        }
        for (String internal : List.of("dev.gatehouse.json", "dev.gatehouse.api.wire", "dev.gatehouse.google",
                "dev.gatehouse.aws", "dev.gatehouse.provider.openai", "dev.gatehouse.provider.anthropic")) {
            assertFalse(core.isExported(internal), internal + " is not exported to every module");
        }
        Class<?> json = Class.forName(core, "dev.gatehouse.json.Json");
        assertEquals(core, json.getModule(), "Json is loaded from the module, not the class path");
        assertThrows(IllegalAccessException.class, () -> json.getMethod("mapper").invoke(null));
        Class<?> gateway = Class.forName(core, "dev.gatehouse.Gateway");
        assertTrue(gateway.getMethod("builder").invoke(null) != null, "the facade is open to everyone");
    }

    private static ModuleLayer libraryLayer() {
        ModuleFinder finder = ModuleFinder.of(libraryModulePath().toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of(CORE));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** Core and Jackson's three jars, where the server's test class path found them. */
    private static List<Path> libraryModulePath() {
        List<Path> path = new ArrayList<>();
        for (Class<?> type : List.of(Gateway.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)) {
            try {
                path.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return path;
    }

    /** Compiles one class of a module {@code example.app} that requires core; returns the errors. */
    private static List<String> compile(Path dir, String app) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/example/app"));
        Files.writeString(dir.resolve("src/module-info.java"), "module example.app { requires " + CORE + "; }");
        Files.writeString(sources.resolve("App.java"), app);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            String modulePath = libraryModulePath().stream().map(Path::toString)
                    .collect(Collectors.joining(java.io.File.pathSeparator));
            List<String> options = List.of("--module-path", modulePath, "-d", dir.resolve("out").toString());
            javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(dir.resolve("src/module-info.java"), sources.resolve("App.java"))).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT))
                .toList();
    }
}
