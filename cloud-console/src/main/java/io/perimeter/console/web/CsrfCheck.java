package io.perimeter.console.web;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.MutableArgumentValue;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a form post whose {@code csrfToken} field does not match the token cookie that sign-in set (double submit,
 * validated by micronaut-security-csrf's validator). The token is read from the handler's bound parameter, once
 * Micronaut has read the form: the module's own filter reads the body before routing and, when the body arrives
 * after the headers, trips over Micronaut's filter chain (the request fails with a 500 instead of going on).
 */
@Singleton
@InterceptorBean(CsrfProtected.class)
final class CsrfCheck implements MethodInterceptor<Object, Object> {
    private final CsrfTokenValidator<HttpRequest<?>> tokens;

    CsrfCheck(CsrfTokenValidator<HttpRequest<?>> tokens) {
        this.tokens = tokens;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<?> request = ServerRequestContext.currentRequest()
                .orElseThrow(() -> new IllegalStateException("a form handler ran outside of a request"));
        if (request.getMethod() != HttpMethod.GET && !valid(request, submitted(context))) {
            throw new AuthorizationException(request.getUserPrincipal(Authentication.class).orElse(null));
        }
        return context.proceed();
    }

    private boolean valid(HttpRequest<?> request, String token) {
        return token != null && !token.isBlank() && tokens.validateCsrfToken(request, token);
    }

    private static String submitted(MethodInvocationContext<Object, Object> context) {
        return context.getParameters().values().stream()
                .filter(p -> p.getAnnotationMetadata().stringValue(Body.class).filter(CsrfProtected.FIELD::equals)
                        .isPresent())
                .findFirst()
                .map(MutableArgumentValue::getValue)
                .map(Object::toString)
                .orElse(null);
    }
}
