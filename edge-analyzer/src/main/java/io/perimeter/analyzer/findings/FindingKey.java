package io.perimeter.analyzer.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable identity of a finding: 32 hex digits of SHA-256 over the rule, the service (host, port), the endpoint
 * (method, template) and where the evidence is (location, field, header name). The same problem gets the same key in
 * every batch of every run, so the control plane can update it rather than open a new one. The inputs are the very
 * names the batch carries in the clear, so the key reveals nothing the batch does not.
 */
public final class FindingKey {
    private FindingKey() {}

    /**
     * @param field      may be null
     * @param headerName may be null
     */
    public static String of(String rule, String host, int port, String method, String template, String location,
            String field, String headerName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {rule, host, Integer.toString(port), method, template, location,
                    field == null ? "" : field, headerName == null ? "" : headerName}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
