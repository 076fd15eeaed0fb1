package io.perimeter.sensor.capture;

import java.nio.file.Path;

/**
 * A file whose TLS functions are probed: a shared {@code libssl}, or an executable with OpenSSL linked in and
 * its symbols exported (Node.js).
 *
 * @param path   a path the sensor can open it by (through {@code /proc/<pid>/root} for other mount namespaces)
 * @param device the file's device number, with {@code inode} its identity: one probe set per file, not per path
 * @param inode  the file's inode number
 * @param kind   {@code shared-libssl} or {@code static-openssl}
 * @param pid    a process that maps it (the one it was found through)
 */
public record TlsLibrary(Path path, long device, long inode, String kind, int pid) {

    /** The identity that makes two paths (other namespaces, symlinks) the same library. */
    public FileKey key() {
        return new FileKey(device, inode);
    }

    public record FileKey(long device, long inode) {}
}
