package io.perimeter.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class the real services it names.
 *
 * <p>Before the first test runs, each service must answer; otherwise the class <strong>fails</strong> with a
 * message that names the command to start it. Nothing is skipped. Tests receive the services' coordinates as
 * parameters of type {@link PostgresEndpoint}, {@link RedisEndpoint}, {@link PulsarEndpoint} or
 * {@link KeycloakEndpoint}.
 *
 * <p>Where the services come from: Testcontainers when a Docker engine answers (or when
 * {@code PERIMETER_SERVICES=containers}), otherwise the services that {@code scripts/services} runs on
 * 127.0.0.1 ({@code PERIMETER_SERVICES=local} forces this).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ServicesExtension.class)
public @interface RequiresServices {
    Service[] value();
}
