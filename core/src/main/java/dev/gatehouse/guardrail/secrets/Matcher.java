package dev.gatehouse.guardrail.secrets;

/**
 * One rule of the scanner, tried where a word starts. It reads forward only and a bounded number
 * of characters, so a scan stays linear in the text whatever the text holds.
 */
interface Matcher {

    /** The kind reported when this rule matches, e.g. {@code "github_token"}. */
    String kind();

    /**
     * The two characters every match of this rule starts with, so the scanner tries it only where
     * a word starts with them; {@code null} when it can start with any word character.
     */
    String lead();

    /** The index after the match starting at {@code start}, or -1 when there is none. */
    int match(CharSequence text, int start);
}
