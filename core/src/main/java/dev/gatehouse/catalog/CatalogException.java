package dev.gatehouse.catalog;

/**
 * A catalog file that can not be used: the entry (by its key in the file) and the field that is
 * wrong, and why. Nothing of such a file is loaded or written.
 */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String field;

    public CatalogException(String key, String field, String problem) {
        super(describe(key, field, problem));
        this.key = key;
        this.field = field;
    }

    private static String describe(String key, String field, String problem) {
        if (key == null) {
            return problem;
        }
        return "entry '" + key + "'" + (field == null ? "" : ", field '" + field + "'") + ": " + problem;
    }

    /** The entry's key in the file, or null when the file as a whole is wrong. */
    public String key() {
        return key;
    }

    /** The field of the entry that is wrong, or null when the entry as a whole is. */
    public String field() {
        return field;
    }
}
