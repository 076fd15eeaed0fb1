package io.perimeter.analyzer.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The spool's hold on its directory: the lock on {@value Spool#LOCK_FILE} that keeps a second spool, in this process
 * or another, out of it. The operating system releases the lock when the process dies, however it dies; otherwise
 * {@link #release()} does.
 */
final class SpoolDirectory {
    private final FileChannel channel;

    private SpoolDirectory(FileChannel channel) {
        this.channel = channel;
    }

    /** Creates {@code directory} if needed, readable by its owner only where the file system knows permissions. */
    static void create(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(directory);
                }
            }
        } catch (IOException e) {
            throw new SpoolException("cannot create spool directory " + directory, e);
        }
    }

    /**
     * Locks {@code directory}, creating the lock file if needed. Leaves nothing open when it fails.
     *
     * @throws SpoolException if another spool holds the lock, or the lock file cannot be opened
     */
    static SpoolDirectory lock(Path directory) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve(Spool.LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                throw new SpoolException("spool " + directory + " is in use by another spool (" + Spool.LOCK_FILE + " is locked)");
            }
            return new SpoolDirectory(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SpoolException("cannot lock spool " + directory, e);
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Releases the lock, quietly: the process's exit would release it anyway. Idempotent. */
    void release() {
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close(); // releases the lock
            } catch (IOException ignored) {
                // the process's exit releases it anyway
            }
        }
    }
}
