package io.perimeter.quickstart;

import io.micronaut.context.ApplicationContext;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * With {@code --full}, the demo owner signs in to the console through Keycloak. Onboarding creates the user without
 * a password (a real first admin sets one through Keycloak's e-mail flow); the quick start gives it its generated
 * password and a complete profile instead, through the API's own Keycloak service account.
 */
final class KeycloakDemoAccount {
    private KeycloakDemoAccount() {}

    static void setPassword(ApplicationContext api, String username, String password) {
        String realm = api.getRequiredProperty("perimeter.keycloak.realm", String.class);
        try (Keycloak keycloak = KeycloakBuilder.builder()
                .serverUrl(api.getRequiredProperty("perimeter.keycloak.url", String.class))
                .realm(realm)
                .grantType("client_credentials")
                .clientId(api.getProperty("perimeter.keycloak.admin-client-id", String.class).orElse("perimeter-api"))
                .clientSecret(api.getRequiredProperty("perimeter.keycloak.admin-client-secret", String.class))
                .build()) {
            String id = keycloak.realm(realm).users().search(username, true).stream()
                    .filter(u -> username.equalsIgnoreCase(u.getUsername()))
                    .map(UserRepresentation::getId)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("onboarding left no Keycloak user " + username));
            UserResource user = keycloak.realm(realm).users().get(id);
            UserRepresentation profile = user.toRepresentation();
            profile.setFirstName("Demo");
            profile.setLastName("Owner");
            profile.setEmailVerified(true);
            profile.setRequiredActions(List.of());
            user.update(profile);
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType(CredentialRepresentation.PASSWORD);
            credential.setValue(password);
            credential.setTemporary(false);
            user.resetPassword(credential);
        } catch (WebApplicationException e) {
            throw new IllegalStateException("Keycloak refused to set up " + username + " (HTTP "
                    + e.getResponse().getStatus() + ")", e);
        }
    }
}
