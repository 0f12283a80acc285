package dev.gatehouse.server.config;

/**
 * Rules for model names, public and upstream. Callers send public names in every request and
 * Gatehouse writes them into logs and responses: control characters would forge log lines, and
 * surrounding spaces would make two names look alike.
 */
final class Names {

    static final int MAX_LENGTH = 256;

    private Names() {}

    /** The name, or null after recording why it can not be used. */
    static String check(Located at, Findings findings, Fields fields) {
        if (at.isMissing()) {
            findings.problem(at, "required");
            return null;
        }
        String name = fields.text(at);
        if (name == null) {
            return null;
        }
        String why = invalid(name);
        if (why != null) {
            findings.problem(at, why);
            return null;
        }
        return name;
    }

    static String invalid(String name) {
        if (name.isEmpty()) {
            return "must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, got " + name.length();
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))) {
            return "must not start or end with a space";
        }
        return null;
    }
}
