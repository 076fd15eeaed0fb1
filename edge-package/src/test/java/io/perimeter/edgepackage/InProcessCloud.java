package io.perimeter.edgepackage;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perimeter.cloud.edges.Enrollment;
import io.perimeter.cloud.edges.EnrollmentRequests;
import io.perimeter.cloud.identity.People;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.inventory.EndpointCatalog;
import io.perimeter.cloud.inventory.EndpointSummary;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.Membership;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.PostgresEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cloud API in this JVM on a fresh database of the project's PostgreSQL, with inline ingest (no Pulsar, Redis or
 * Keycloak), listening on 127.0.0.1, and one tenant whose owner creates enrollment tokens as the console would.
 */
final class InProcessCloud implements AutoCloseable {
    private static final String OWNER = "edge-package-owner";

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final Tenant tenant;

    private InProcessCloud(ApplicationContext context, EmbeddedServer server, Tenant tenant) {
        this.context = context;
        this.server = server;
        this.tenant = tenant;
    }

    static InProcessCloud start(PostgresEndpoint postgres) {
        Map<String, Object> properties = new HashMap<>(postgres.freshDatabase("edge_package_it").cloudProperties());
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        properties.put("perimeter.public-url", "http://127.0.0.1");
        // A developer's PERIMETER_PULSAR_SERVICE_URL or PERIMETER_REDIS_URI must not make this a client of other
        // services: ingest stays inline.
        ApplicationContext context = ApplicationContext.builder().environmentPropertySource(false)
                .properties(properties).start();
        try {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            Tenant tenant = context.getBean(TenantOnboarding.class)
                    .onboard("packaged", "Packaged edge", new FirstAdmin(OWNER, OWNER + "@packaged.example"), "test");
            return new InProcessCloud(context, server, tenant);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The URL edges enroll with and ship to. */
    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A one-time enrollment token, created by the tenant's owner. */
    String enrollmentToken(String edgeName) {
        List<Membership> memberships = context.getBean(People.class).memberships(OWNER);
        Membership membership = memberships.stream().filter(m -> m.id().equals(tenant.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException(OWNER + " is not a member of " + tenant.slug()));
        Person owner = new Person(OWNER, membership.id(), membership.slug(), membership.roleValue(), memberships);
        return context.getBean(Enrollment.class)
                .createToken(owner, new EnrollmentRequests.CreateToken(edgeName, 15)).token();
    }

    /** The tenant's inventory as the console lists it: "port METHOD template". */
    List<String> endpoints() {
        EndpointCatalog.Filter all = new EndpointCatalog.Filter(null, null, null, null, null, null);
        return context.getBean(EndpointCatalog.class).list(tenant.id(), all, "calls", null, 100).items().stream()
                .map(InProcessCloud::describe).toList();
    }

    private static String describe(EndpointSummary endpoint) {
        return endpoint.port() + " " + endpoint.method() + " " + endpoint.template();
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
