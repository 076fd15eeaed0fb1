package io.perimeter.console.signin;

import io.micronaut.http.HttpRequest;
import java.net.URI;

/** Where the browser goes once the console has forgotten the person: the identity provider's end of session, or not. */
interface AfterSignOut {
    URI destination(HttpRequest<?> request, String signedOutPage);

    /** True when signing out of the console also ends a single sign-on session. */
    boolean endsSingleSignOn();
}
