package io.perimeter.tenancy.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.PulsarEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

/** Onboarding against the real Pulsar and Keycloak: the namespace and the organization appear, and go again. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.PULSAR, Service.KEYCLOAK})
class ProvisioningIT {

    @Test
    void onboardingProvisionsPulsarAndKeycloakIdempotentlyAndOffboardingRemovesThem(
            PostgresEndpoint postgres, PulsarEndpoint pulsar, KeycloakEndpoint keycloak) throws Exception {
        Map<String, Object> properties = new HashMap<>(postgres.freshDatabase("provisioning_it").cloudProperties());
        properties.put("perimeter.pulsar.admin-url", pulsar.adminUrl());
        properties.put("perimeter.keycloak.url", keycloak.baseUrl());
        properties.put("perimeter.keycloak.admin-client-secret", keycloak.apiClientSecret());
        String slug = "t" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));

        try (ApplicationContext context = ApplicationContext.run(properties);
             PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(pulsar.adminUrl()).build();
             Keycloak realmAdmin = KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm("master")
                     .clientId("admin-cli").username(keycloak.adminUser()).password(keycloak.adminPassword()).build()) {
            TenantOnboarding onboarding = context.getBean(TenantOnboarding.class);
            Tenant tenant = onboarding.onboard(slug, "Provisioned", new FirstAdmin("bob", null), "test");
            onboarding.onboard(slug, "Provisioned", new FirstAdmin("bob", null), "test");

            assertThat(onboarding.describeResources(tenant))
                    .containsExactlyInAnyOrder("Pulsar namespace " + slug + "/edges",
                            "Keycloak organization " + slug + " in realm perimeter");
            assertThat(admin.namespaces().getNamespaces(slug)).containsExactly(slug + "/edges");
            List<OrganizationRepresentation> organizations = realmAdmin.realm("perimeter").organizations()
                    .search(slug, true, 0, 10);
            assertThat(organizations).extracting(OrganizationRepresentation::getAlias).containsExactly(slug);
            List<MemberRepresentation> members = realmAdmin.realm("perimeter").organizations()
                    .get(organizations.getFirst().getId()).members().getAll();
            assertThat(members).extracting(MemberRepresentation::getUsername).containsExactly("bob");

            assertThat(onboarding.offboard(slug)).isTrue();
            assertThat(admin.tenants().getTenants()).doesNotContain(slug);
            assertThat(realmAdmin.realm("perimeter").organizations().search(slug, true, 0, 10)).isEmpty();
        }
    }
}
