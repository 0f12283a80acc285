package dev.gatehouse.guardrail.secrets;

/**
 * PEM-armoured private keys (RFC 7468's textual encoding; OpenSSH's and PGP's armour look the
 * same): a {@code -----BEGIN … PRIVATE KEY-----} line (with or without RSA, EC, DSA, OPENSSH,
 * ENCRYPTED, or PGP's {@code PRIVATE KEY BLOCK}), the base64 body and the END line. The finding
 * covers all of it; a key cut short (no END line) is found up to where its body stops, because
 * even part of a private key must not leave.
 */
final class PemPrivateKey implements Matcher {

    private static final String BEGIN = "-----BEGIN ";
    private static final String DASHES = "-----";
    private static final CharClass LABEL = CharClass.of("A-Z0-9 ");
    /** Base64, line breaks (real or JSON-escaped) and the "Proc-Type: 4,ENCRYPTED" header lines. */
    private static final CharClass BODY = CharClass.BASE64.plus("=\\:,-").plus(" ").plus("\t\n\r");

    @Override
    public String kind() {
        return "private_key";
    }

    @Override
    public String lead() {
        return "--";
    }

    @Override
    public int match(CharSequence text, int start) {
        if (!KeyRule.regionEquals(text, start, BEGIN)) {
            return -1;
        }
        int labelStart = start + BEGIN.length();
        int labelEnd = LABEL.runEnd(text, labelStart, labelStart + 40);
        String label = text.subSequence(labelStart, labelEnd).toString();
        if (!(label.endsWith("PRIVATE KEY") || label.endsWith("PRIVATE KEY BLOCK"))
                || !KeyRule.regionEquals(text, labelEnd, DASHES)) {
            return -1;
        }
        int i = labelEnd + DASHES.length();
        // The body runs to the next five dashes: each character is read once, and the whole body
        // is the finding, so the scan never comes back over it.
        while (i < text.length() && BODY.has(text.charAt(i)) && !KeyRule.regionEquals(text, i, DASHES)) {
            i++;
        }
        if (!KeyRule.regionEquals(text, i, "-----END ")) {
            return i;
        }
        int endLabel = LABEL.runEnd(text, i + 9, i + 9 + 40);
        return KeyRule.regionEquals(text, endLabel, DASHES) ? endLabel + DASHES.length() : i;
    }
}
