package io.perimeter.tenancy.provisioning;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.perimeter.tenancy.tenant.Tenant;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Set;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.common.policies.data.TenantInfo;

/**
 * A tenant's place in Pulsar: a Pulsar tenant named after the slug, with one namespace {@code <slug>/edges} that
 * holds the tenant's ingest topic and its dead-letter topic. Nothing of one tenant shares a topic with another.
 */
@Singleton
@Requires(property = "perimeter.pulsar.admin-url")
public final class PulsarNamespaces implements TenantResources {
    /** The namespace under the tenant's Pulsar tenant. */
    public static final String NAMESPACE = "edges";

    private final PulsarAdmin admin;
    private final String cluster;

    PulsarNamespaces(@Value("${perimeter.pulsar.admin-url}") String adminUrl,
                     @Value("${perimeter.pulsar.cluster:standalone}") String cluster) throws PulsarClientException {
        this.admin = PulsarAdmin.builder().serviceHttpUrl(adminUrl).build();
        this.cluster = cluster;
    }

    /** The namespace of {@code slug}'s topics. */
    public static String namespace(String slug) {
        return slug + "/" + NAMESPACE;
    }

    @Override
    public void provision(Tenant tenant, FirstAdmin firstAdmin) {
        try {
            if (!admin.tenants().getTenants().contains(tenant.slug())) {
                admin.tenants().createTenant(tenant.slug(),
                        TenantInfo.builder().allowedClusters(Set.of(cluster)).build());
            }
            if (!admin.namespaces().getNamespaces(tenant.slug()).contains(namespace(tenant.slug()))) {
                admin.namespaces().createNamespace(namespace(tenant.slug()), Set.of(cluster));
            }
        } catch (PulsarAdminException.ConflictException raced) {
            // created meanwhile by another instance: what we wanted
        } catch (PulsarAdminException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    @Override
    public void remove(Tenant tenant) {
        try {
            if (!admin.tenants().getTenants().contains(tenant.slug())) {
                return;
            }
            if (admin.namespaces().getNamespaces(tenant.slug()).contains(namespace(tenant.slug()))) {
                admin.namespaces().deleteNamespace(namespace(tenant.slug()), true);
            }
            admin.tenants().deleteTenant(tenant.slug(), true);
        } catch (PulsarAdminException.NotFoundException gone) {
            // removed meanwhile: what we wanted
        } catch (PulsarAdminException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    @Override
    public String describe(Tenant tenant) {
        return "Pulsar namespace " + namespace(tenant.slug());
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
