package dev.gatehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;

/**
 * Where a copy of LiteLLM's price map came from: the sidecar beside the pinned copy in the
 * repository, and the header of the catalog made from it.
 *
 * @param repository the GitHub repository the copy was taken from ({@code owner/name})
 * @param commit     the commit it was taken at
 * @param path       the file's path in that repository
 * @param sha256     the SHA-256 of the copy's bytes, hexadecimal
 * @param licence    its licence
 * @param date       the date of the content (ISO): every entry without a date of its own gets it
 * @param note       what else to know about the copy, or empty
 */
public record Provenance(String repository, String commit, String path, String sha256, String licence, String date,
        String note) {

    public static Provenance read(JsonNode node) {
        return new Provenance(node.path("repository").asText(), node.path("commit").asText(), node.path("path").asText(),
                node.path("sha256").asText(), node.path("licence").asText(), node.path("date").asText(),
                node.path("note").asText(""));
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("repository", repository);
        out.put("commit", commit);
        out.put("path", path);
        out.put("sha256", sha256);
        out.put("licence", licence);
        out.put("date", date);
        out.put("note", note);
        return out;
    }

    /** A file imported from this machine: named by its path and checksum, there being no repository to point at. */
    public static Provenance ofFile(String path, String sha256, String date) {
        return new Provenance("", "", path, sha256, "as the file's own", date, "imported with gatehouse catalog import");
    }

    /**
     * The copy as a source, for entries LiteLLM gives no source of their own: the file at its commit,
     * or for an imported file its path and checksum.
     */
    public String url() {
        if (repository.isEmpty()) {
            return "file " + path + " (sha256 " + sha256 + ")";
        }
        return "https://github.com/" + repository + "/blob/" + commit + "/" + path;
    }
}
