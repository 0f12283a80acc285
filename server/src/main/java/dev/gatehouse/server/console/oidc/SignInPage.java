package dev.gatehouse.server.console.oidc;

import dev.gatehouse.server.http.Exchange;
import java.nio.charset.StandardCharsets;

/**
 * The page a failed single sign-on ends on: a status, a fixed sentence per kind of failure and a
 * way back to the console. Nothing from the request or the provider is written into it, so
 * nothing can be reflected; the reason itself goes to the audit log and the server's log.
 */
enum SignInPage {
    /** No sign-in of this browser is waiting, or the answer is not the one it waits for. */
    START_AGAIN(400, "This sign-in could not be completed: it took longer than ten minutes, was started in another"
            + " browser or tab, or was already used. Start it again from the console's sign-in page."),
    /** The provider did not sign the user in (they declined, or may not use the client). */
    PROVIDER_DECLINED(403, "The identity provider did not sign you in."),
    /** What the provider sent does not prove who the user is. */
    REFUSED(403, "The identity provider's answer could not be verified, so you are not signed in. The event is"
            + " recorded; an administrator can see why in the audit log."),
    /** The user is who they say, but none of their groups is mapped to a Gatehouse role. */
    NO_ROLE(403, "You are signed in at the identity provider, but your account has no Gatehouse role. Ask an"
            + " administrator to add one of your groups to the console's role mapping."),
    /** The provider could not be reached, or answered nothing usable. */
    PROVIDER_UNAVAILABLE(502, "The identity provider could not be reached. Try again in a moment; if it goes on,"
            + " an administrator can find the cause in Gatehouse's log.");

    private final int status;
    private final String message;

    SignInPage(int status, String message) {
        this.status = status;
        this.message = message;
    }

    int status() {
        return status;
    }

    /** Sends the page; the security headers are the caller's (they are the same for every console answer). */
    void send(Exchange exchange) {
        // The console's own stylesheet and classes (the sign-in card), so the page looks like the console.
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Sign-in failed · Gatehouse console</title>"
                + "<link rel=\"icon\" href=\"/ui/assets/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/ui/assets/app.css\"></head>"
                + "<body><main id=\"sso-error\" class=\"sign-in\"><div class=\"card\"><h1>Sign-in failed</h1>"
                + "<p class=\"error\" role=\"alert\">" + message + "</p>"
                + "<p><a id=\"sso-back\" href=\"/ui\">Back to the console</a></p></div></main></body></html>\n";
        exchange.sendBytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
