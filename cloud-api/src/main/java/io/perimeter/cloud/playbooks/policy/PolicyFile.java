package io.perimeter.cloud.playbooks.policy;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One generated policy file.
 *
 * @param name   a file name for it ({@code perimeter_<id>.http.conf})
 * @param usage  where it goes, in words ("include in the http block")
 */
@Serdeable
public record PolicyFile(String name, String usage, String mediaType, String content) {
}
