package io.perimeter.analyzer.spool;

/**
 * The child process of {@link SpoolCrashTest}: appends batches to the spool in {@code args[0]} as fast as it can,
 * from id {@code args[1]} on, and prints each id once {@code append} has returned, until it is killed.
 */
public final class AppendUntilKilled {
    private AppendUntilKilled() {}

    public static void main(String[] args) {
        long first = Long.parseLong(args[1]);
        try (Spool spool = Spool.open(java.nio.file.Path.of(args[0]), new SpoolSettings(1L << 30, 10_000_000))) {
            System.out.println("open");
            System.out.flush();
            for (long n = first; ; n++) {
                AppendResult result = spool.append(Batches.id(n), Batches.padded(n, 200 + (int) (n % 7) * 300));
                if (result != AppendResult.SPOOLED) {
                    throw new IllegalStateException("append " + n + ": " + result);
                }
                System.out.println(Batches.id(n));
                System.out.flush();
            }
        }
    }
}
