package io.perimeter.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Checks, before a class's first test, that every service in its {@link RequiresServices} answers, and
 * resolves endpoint parameters. The service source is chosen once per JVM.
 */
final class ServicesExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServicesExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        ServiceSource source = source(context);
        for (Service service : required(context)) {
            try {
                source.endpoint(service);
            } catch (ServiceUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ServiceUnavailableException(service.displayName() + " could not be provided by "
                        + source.describe() + ": " + e.getMessage() + ". Start it with: " + service.startCommand(), e);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return serviceFor(parameter.getParameter().getType()) != null;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Service service = serviceFor(parameter.getParameter().getType());
        if (!required(context).contains(service)) {
            throw new ParameterResolutionException(parameter.getParameter().getType().getSimpleName()
                    + " needs " + service + " in the class's @RequiresServices");
        }
        return source(context).endpoint(service);
    }

    private static Service serviceFor(Class<?> type) {
        if (type == PostgresEndpoint.class) return Service.POSTGRES;
        if (type == RedisEndpoint.class) return Service.REDIS;
        if (type == PulsarEndpoint.class) return Service.PULSAR;
        if (type == KeycloakEndpoint.class) return Service.KEYCLOAK;
        return null;
    }

    private static List<Service> required(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresServices.class))
                .map(a -> Arrays.asList(a.value()))
                .orElse(List.of());
    }

    private static ServiceSource source(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ServiceSource.class, k -> choose(), ServiceSource.class);
    }

    private static ServiceSource choose() {
        ProjectSettings settings = ProjectSettings.load();
        String mode = settings.get("PERIMETER_SERVICES").orElse("auto").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> new LocalServices(settings);
            case "containers" -> new ContainerServices(settings);
            case "auto" -> ContainerServices.dockerAnswers() ? new ContainerServices(settings) : new LocalServices(settings);
            default -> throw new IllegalArgumentException("PERIMETER_SERVICES must be local, containers or auto, not " + mode);
        };
    }
}
