package io.perimeter.console.identity;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.perimeter.cloud.identity.People;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds {@link SignedIn}: the person of the console's ID token in the tenant the switcher chose. {@link People}
 * decides the role from the members table and checks the token's organizations, exactly as for API calls. The result
 * is also left on the request for the layout ({@link SignedIn#of}).
 */
@Singleton
final class SignedInBinder implements TypedRequestArgumentBinder<SignedIn> {
    private final People people;

    SignedInBinder(People people) {
        this.people = people;
    }

    @Override
    public Argument<SignedIn> argumentType() {
        return Argument.of(SignedIn.class);
    }

    @Override
    public BindingResult<SignedIn> bind(ArgumentConversionContext<SignedIn> context, HttpRequest<?> request) {
        Authentication authentication = request.getUserPrincipal(Authentication.class)
                .orElseThrow(() -> new AuthorizationException(null));
        String username = People.username(authentication);
        String slug = TenantChoice.of(request, people.memberships(username))
                .orElseThrow(() -> new NotAMemberException(username)).slug();
        SignedIn signedIn = new SignedIn(people.resolve(authentication, slug));
        request.setAttribute(SignedIn.ATTRIBUTE, signedIn);
        return () -> Optional.of(signedIn);
    }
}
