package io.perimeter.analyzer.findings;

/** Where in a call the evidence of a finding is: the contract's fixed list of evidence locations. */
public enum EvidenceLocation {
    REQUEST_PATH("request.path"),
    REQUEST_QUERY("request.query"),
    REQUEST_HEADER("request.header"),
    REQUEST_COOKIE("request.cookie"),
    REQUEST_BODY("request.body"),
    RESPONSE_HEADER("response.header"),
    RESPONSE_BODY("response.body"),
    RESPONSE_STATUS("response.status"),
    /** The connection as a whole (plaintext HTTP, the peer). */
    CONNECTION("connection");

    private final String contractName;

    EvidenceLocation(String contractName) {
        this.contractName = contractName;
    }

    /** The name in the perimeter contract ({@code request.query}). */
    public String contractName() {
        return contractName;
    }
}
