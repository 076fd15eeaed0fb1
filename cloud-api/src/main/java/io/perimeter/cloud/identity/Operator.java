package io.perimeter.cloud.identity;

/** A person with the Keycloak realm role {@code platform-operator}: manages tenants, sees no tenant's data. */
public record Operator(String username) {
    /** The realm role that makes a person an operator. */
    public static final String ROLE = "platform-operator";
}
