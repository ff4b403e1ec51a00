package io.flk.benchmarks.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flk.db.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application's embedded default ({@link EmbeddedPostgresServer#start}, durable) in a fresh data directory
 * that {@link #close()} deletes. {@link #start()} refuses a RAM file system, where fsync is free, and checks
 * that the server it got really has {@code fsync} and {@code synchronous_commit} on.
 */
public final class DurablePostgres implements AutoCloseable {

    private final EmbeddedPostgresServer postgres;
    private final Path dataDirectory;
    private final String filesystem;
    private final Thread cleanup;

    private DurablePostgres(EmbeddedPostgresServer postgres, Path dataDirectory, String filesystem, Thread cleanup) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.filesystem = filesystem;
        this.cleanup = cleanup;
    }

    /** Starts a server in a fresh directory under {@code bench.data-root} (default: the JVM's temporary directory). */
    public static DurablePostgres start() {
        Path root = Path.of(System.getProperty("bench.data-root", System.getProperty("java.io.tmpdir")));
        String filesystem = filesystemOf(root);
        if (filesystem.startsWith("tmpfs") || filesystem.startsWith("ramfs")) {
            throw new IllegalStateException(root + " is on " + filesystem + ": fsync there is free and the numbers "
                    + "would not be those of a durable store. Choose a disk with -Dbench.data-root=<dir>.");
        }
        Path dataDirectory;
        try {
            Files.createDirectories(root);
            dataDirectory = Files.createTempDirectory(root, "flk-bench-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread cleanup = new Thread(() -> deleteRecursively(dataDirectory), "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        EmbeddedPostgresServer postgres = null;
        try {
            postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
            DurablePostgres server = new DurablePostgres(postgres, dataDirectory, filesystem, cleanup);
            try (PostgresProbe probe = server.probe()) {
                probe.requireDurable();
            }
            return server;
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            deleteRecursively(dataDirectory);
            throw e;
        }
    }

    /** JDBC URL of the {@code postgres} database, without credentials (user postgres, empty password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.port() + "/postgres";
    }

    /** A small pool on {@link #jdbcUrl()}, for benchmarks that talk to the database without the application. */
    public HikariDataSource pool(int maximumSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername("postgres");
        config.setPassword("");
        config.setMaximumPoolSize(maximumSize);
        return new HikariDataSource(config);
    }

    public PostgresProbe probe() {
        return new PostgresProbe(jdbcUrl(), "postgres", "");
    }

    /** Process id of the postmaster, from postmaster.pid; 0 if unknown. */
    public long pid() {
        List<String> lines = Machine.lines(dataDirectory.resolve("postmaster.pid"));
        return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
    }

    public String describeStorage() {
        return dataDirectory + " on " + filesystem;
    }

    /**
     * Median time of {@code fdatasync} after an 8 KiB write in the data directory's file system, the floor under
     * every commit's WAL flush (PostgreSQL's {@code wal_sync_method} is fdatasync on Linux).
     */
    public Duration fdatasyncMedian(int samples) {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-fsync-probe");
        long[] nanos = new long[samples];
        ByteBuffer block = ByteBuffer.allocate(8192);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE)) {
            for (int i = 0; i < samples; i++) {
                block.clear();
                long began = System.nanoTime();
                channel.write(block, (long) (i % 16) * 8192);
                channel.force(false);
                nanos[i] = System.nanoTime() - began;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Arrays.sort(nanos);
        return Duration.ofNanos(nanos[samples / 2]);
    }

    @Override
    public void close() {
        closeQuietly(postgres);
        deleteRecursively(dataDirectory);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private static void closeQuietly(EmbeddedPostgresServer postgres) {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                System.err.println("Could not stop PostgreSQL: " + e.getMessage());
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("Could not delete " + path + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("Could not delete " + directory + ": " + e.getMessage());
        }
    }

    /** File system type and device of the mount holding {@code path}, from /proc/mounts. */
    static String filesystemOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        String best = "";
        String type = "unknown file system";
        for (String line : Machine.lines(Path.of("/proc/mounts"))) {
            String[] fields = line.split(" ");
            if (fields.length < 3) {
                continue;
            }
            String mountPoint = fields[1].replace("\\040", " ");
            if (absolute.startsWith(mountPoint) && mountPoint.length() >= best.length()) {
                best = mountPoint;
                type = fields[2] + " (" + fields[0] + " mounted on " + mountPoint + ")";
            }
        }
        return type;
    }
}
