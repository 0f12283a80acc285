package dev.gatehouse.guardrail.secrets;

/**
 * Microsoft Entra ID (Azure AD) application client secrets: three characters, a digit and the
 * marker {@code Q~}, then 31 to 34 more (the shape gitleaks documents for them). The marker is
 * what makes them findable without a credential word nearby.
 */
final class AzureClientSecret implements Matcher {

    private static final CharClass HEAD = CharClass.ALNUM.plus("_~.");
    private static final CharClass TAIL = CharClass.ALNUM.plus("_~.-");

    @Override
    public String kind() {
        return "azure_client_secret";
    }

    @Override
    public String lead() {
        return null;
    }

    @Override
    public int match(CharSequence text, int start) {
        if (start + 6 + 31 > text.length()
                || text.charAt(start + 4) != 'Q' || text.charAt(start + 5) != '~'
                || !Character.isDigit(text.charAt(start + 3))) {
            return -1;
        }
        for (int i = start; i < start + 3; i++) {
            if (!HEAD.has(text.charAt(i))) {
                return -1;
            }
        }
        int end = TAIL.runEnd(text, start + 6, start + 6 + 35);
        int length = end - (start + 6);
        return length >= 31 && length <= 34 ? end : -1;
    }
}
