package io.perimeter.cloud.identity;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.perimeter.cloud.problem.ApiException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Lets controllers take the caller as a parameter: {@link Person}, {@link Operator} or {@link EdgeCaller}. A
 * controller that declares one cannot be reached by another kind of caller.
 */
@Factory
final class CallerBinders {
    /** The header that names the tenant a person acts in. */
    static final String TENANT_HEADER = "X-Perimeter-Tenant";

    @Singleton
    TypedRequestArgumentBinder<Person> person(People people) {
        return binder(Person.class, (authentication, request) -> {
            requireRole(authentication, KeycloakRoles.PERSON);
            return people.resolve(authentication, request.getHeaders().get(TENANT_HEADER));
        });
    }

    @Singleton
    TypedRequestArgumentBinder<Operator> operator() {
        return binder(Operator.class, (authentication, request) -> {
            requireRole(authentication, Operator.ROLE);
            return new Operator(People.username(authentication));
        });
    }

    @Singleton
    TypedRequestArgumentBinder<EdgeCaller> edge() {
        return binder(EdgeCaller.class, (authentication, request) -> {
            requireRole(authentication, EdgeCaller.ROLE);
            return new EdgeCaller(
                    UUID.fromString((String) authentication.getAttributes().get(EdgeCaller.EDGE_ID)),
                    UUID.fromString((String) authentication.getAttributes().get(EdgeCaller.TENANT_ID)));
        });
    }

    private static void requireRole(Authentication authentication, String role) {
        if (!authentication.getRoles().contains(role)) {
            throw ApiException.forbidden("wrong-caller", "this route is not for this kind of caller");
        }
    }

    private interface Resolver<T> {
        T resolve(Authentication authentication, HttpRequest<?> request);
    }

    private static <T> TypedRequestArgumentBinder<T> binder(Class<T> type, Resolver<T> resolver) {
        return new TypedRequestArgumentBinder<>() {
            @Override
            public Argument<T> argumentType() {
                return Argument.of(type);
            }

            @Override
            public BindingResult<T> bind(ArgumentConversionContext<T> context, HttpRequest<?> source) {
                Authentication authentication = source.getUserPrincipal(Authentication.class)
                        .orElseThrow(() -> ApiException.unauthorized("unauthenticated", "a valid bearer token is required"));
                T caller = resolver.resolve(authentication, source);
                return () -> Optional.of(caller);
            }
        };
    }
}
