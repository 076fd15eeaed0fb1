package io.perimeter.analyzer.findings;

/** The OWASP API Security Top 10 (2023) category of a finding, or {@link #ATTACK} for attack attempts. */
public enum OwaspCategory {
    /** Broken object level authorization. */
    API1("API1:2023"),
    /** Broken authentication. */
    API2("API2:2023"),
    /** Broken object property level authorization. */
    API3("API3:2023"),
    /** Unrestricted resource consumption. */
    API4("API4:2023"),
    /** Broken function level authorization. */
    API5("API5:2023"),
    /** Unrestricted access to sensitive business flows (no passive rule yet). */
    API6("API6:2023"),
    /** Server side request forgery. */
    API7("API7:2023"),
    /** Security misconfiguration. */
    API8("API8:2023"),
    /** Improper inventory management. */
    API9("API9:2023"),
    /** Unsafe consumption of APIs (here: sensitive data sent to third parties). */
    API10("API10:2023"),
    /** An attack attempt (injection, traversal, ...) seen in a request, with its outcome. */
    ATTACK("ATTACK");

    private final String contractName;

    OwaspCategory(String contractName) {
        this.contractName = contractName;
    }

    /** The name in the perimeter contract ({@code API1:2023}, {@code ATTACK}). */
    public String contractName() {
        return contractName;
    }
}
