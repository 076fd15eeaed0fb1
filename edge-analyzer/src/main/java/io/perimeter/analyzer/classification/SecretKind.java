package io.perimeter.analyzer.classification;

/** The kind of a {@link DataClass#SECRET}: which provider's key or token format matched. */
public enum SecretKind {
    /** AWS access key id ({@code AKIA…}, {@code ASIA…}, 20 characters). */
    AWS_ACCESS_KEY("AWS access key id"),
    /** Google Cloud / Google Maps API key ({@code AIza…}, 39 characters). */
    GCP_API_KEY("Google Cloud API key"),
    /** GitHub token ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_}, {@code ghr_}, {@code github_pat_}). */
    GITHUB_TOKEN("GitHub token"),
    /** GitLab token ({@code glpat-}, {@code gldt-}, {@code glrt-}, …). */
    GITLAB_TOKEN("GitLab token"),
    /** Slack token ({@code xoxb-}, {@code xoxp-}, {@code xapp-}, …). */
    SLACK_TOKEN("Slack token"),
    /** Slack incoming-webhook URL, whose path is the secret. */
    SLACK_WEBHOOK("Slack incoming webhook URL"),
    /** Stripe secret or restricted key, or webhook signing secret ({@code sk_live_}, {@code rk_test_}, {@code whsec_}). */
    STRIPE_KEY("Stripe secret key"),
    /** SendGrid API key ({@code SG.<22>.<43>}). */
    SENDGRID_KEY("SendGrid API key"),
    /** Twilio API key sid ({@code SK} and 32 hex digits). */
    TWILIO_API_KEY("Twilio API key"),
    /** npm access token ({@code npm_} and 36 characters). */
    NPM_TOKEN("npm access token"),
    /** A PEM-armoured private key (PKCS#1, PKCS#8, SEC 1, OpenSSH, PGP). */
    PRIVATE_KEY_PEM("PEM private key"),
    /**
     * An opaque token with no provider-specific shape, recognised because the field is a credential
     * by name ({@code api_key}, {@code X-Api-Key}, {@code access_token}, {@code Authorization: Bearer},
     * session cookies) and the value looks like a token.
     */
    NAMED_CREDENTIAL("Opaque credential in a credential-named field");

    private final String description;

    SecretKind(String description) {
        this.description = description;
    }

    /** A short human-readable description, used in documentation and the console. */
    public String description() {
        return description;
    }
}
