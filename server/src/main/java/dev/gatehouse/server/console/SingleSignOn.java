package dev.gatehouse.server.console;

import io.helidon.webserver.http.HttpRouting;

/** A way to sign in to the console other than an admin key (OpenID Connect): its own routes under {@code /ui}. */
public interface SingleSignOn {

    /** Adds the sign-in routes (where the page sends the user, where the issuer sends them back). */
    void register(HttpRouting.Builder routing);
}
