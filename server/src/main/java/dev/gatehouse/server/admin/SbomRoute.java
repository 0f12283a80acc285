package dev.gatehouse.server.admin;

import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.selfcheck.RunningJar;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * {@code GET /admin/sbom} (every role): the CycloneDX SBOM the build put in the jar Gatehouse runs
 * from, as it is there, with CycloneDX's registered media type
 * (https://www.iana.org/assignments/media-types/application/vnd.cyclonedx+json). A 404 when
 * Gatehouse runs from classes in a directory, or from a jar built without one (an offline build).
 * The jar's entries, the SBOM among them, are checked against the build's hashes when serve starts
 * (docs/supply-chain.md).
 */
final class SbomRoute {

    static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";

    private final Optional<RunningJar> jar;

    SbomRoute(Optional<RunningJar> jar) {
        this.jar = jar;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/sbom", Permission.READ_BUILD, call -> {
            RunningJar running = jar.orElseThrow(() -> new NoSuchElementException(
                    "This Gatehouse does not run from its jar, so it has no SBOM to serve."));
            byte[] sbom = running.sbom().orElseThrow(() -> new NoSuchElementException(
                    "The jar this Gatehouse runs from holds no SBOM (" + RunningJar.SBOM + "); an offline build"
                            + " makes none."));
            return Reply.streamed(MEDIA_TYPE, out -> out.write(sbom));
        }));
    }
}
