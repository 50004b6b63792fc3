package io.github.agentledger.cli;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.postgres.CopiedSession;
import io.github.agentledger.segment.postgres.PostgresSegmentStore;
import io.github.agentledger.segment.postgres.SegmentMigration;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segments migrate}: copies every session from one segment store to another with the
 * library's {@link SegmentMigration} (JSONL directory to PostgreSQL, back, or between two of a
 * kind), then reads each copied segment back from both stores as JSONL and compares the bytes.
 * Progress per session on standard error. A session whose segment already exists in the target
 * stops the migration before that session is copied (status 1); the sessions before it stay
 * copied and are reported.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Copy every session between segment stores (jsonl:DIR or postgres:JDBC_URL),"
        + " then check that each copied segment's JSONL is byte-equal in both.")
final class SegmentMigrate implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "STORE",
      description = "jsonl:DIR (must exist) or postgres:JDBC_URL.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "STORE",
      description = "jsonl:DIR (created if missing) or postgres:JDBC_URL.")
  String to;

  @Option(names = "--schema", paramLabel = "NAME", defaultValue = "agentledger",
      description = "The PostgreSQL schema of a postgres: store. Default: ${DEFAULT-VALUE}.")
  String schema;

  @Mixin
  OutputOptions output;

  @Override
  public Integer call() throws IOException {
    if (from.equals(to)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--from and --to name the same store: " + from);
    }
    try (Opened source = open(from, false); Opened target = open(to, true)) {
      SegmentMigration migration = SegmentMigration.between(source.store(), target.store());
      List<SessionId> sessions = new ArrayList<>(source.store().listSessions());
      Collections.reverse(sessions);  // oldest first, as SegmentMigration.copyAll does
      List<Object> rows = new ArrayList<>();
      long entries = 0;
      int mismatched = 0;
      int done = 0;
      for (SessionId session : sessions) {
        CopiedSession copied = migration.copySession(session);
        List<String> differing = compare(source.store(), target.store(), session);
        mismatched += differing.size();
        entries += copied.entries();
        done++;
        output.progress("copied session " + session + " (" + done + "/" + sessions.size() + "): "
            + Report.plural(copied.segments(), "segment") + ", "
            + copied.entries() + " entries"
            + (differing.isEmpty() ? "" : "; JSONL differs in " + differing));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("session", session.toString());
        row.put("segments", copied.segments());
        row.put("entries", copied.entries());
        row.put("trace_records", copied.traceRecords());
        row.put("byte_equal", differing.isEmpty());
        rows.add(row);
        output.line(session + "  " + Report.plural(copied.segments(), "segment") + ", "
            + copied.entries() + " entries, " + copied.traceRecords() + " trace records"
            + (differing.isEmpty() ? ", byte-equal" : ", JSONL DIFFERS in " + differing));
      }
      output.line(Report.plural(sessions.size(), "session") + " copied from " + source.name()
          + " to " + target.name() + ": " + entries + " entries, "
          + (mismatched == 0 ? "every segment byte-equal" : mismatched + " segments differ"));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("from", source.name());
      json.put("to", target.name());
      json.put("sessions", rows);
      json.put("entries", entries);
      json.put("all_byte_equal", mismatched == 0);
      output.json(json);
      return mismatched == 0 ? Exit.OK : Exit.PROBLEM;
    }
  }

  /** {@return the segments of the session whose JSONL differs between the two stores} */
  private static List<String> compare(SegmentStore source, SegmentStore target, SessionId session)
      throws IOException {
    List<String> differing = new ArrayList<>();
    for (SegmentId segment : source.listSegments(session)) {
      try (InputStream a = source.openJsonl(session, segment);
          InputStream b = target.openJsonl(session, segment)) {
        if (!sameBytes(a, b)) {
          differing.add(segment.toString());
        }
      }
    }
    return differing;
  }

  /** Compares two streams in bounded memory. */
  private static boolean sameBytes(InputStream a, InputStream b) throws IOException {
    byte[] left = new byte[64 * 1024];
    byte[] right = new byte[64 * 1024];
    while (true) {
      int n = a.readNBytes(left, 0, left.length);
      int m = b.readNBytes(right, 0, right.length);
      if (n != m || !Arrays.equals(left, 0, n, right, 0, m)) {
        return false;
      }
      if (n < left.length) {
        return true;
      }
    }
  }

  /** A store opened from its {@code kind:location} text, and what closes it. */
  private record Opened(String name, SegmentStore store, AutoCloseable closer)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try {
        closer.close();
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
  }

  private Opened open(String text, boolean create) throws IOException {
    int colon = text.indexOf(':');
    String kind = colon < 0 ? "" : text.substring(0, colon);
    String location = colon < 0 ? "" : text.substring(colon + 1);
    if (location.isEmpty() || !(kind.equals("jsonl") || kind.equals("postgres"))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "a store is jsonl:DIR or postgres:JDBC_URL, not '" + text + "'");
    }
    if (kind.equals("jsonl")) {
      Path root = Path.of(location);
      if (create) {
        Files.createDirectories(root);
      } else if (!Files.isDirectory(root)) {
        throw new FileNotFoundException(root + " is not a directory");
      }
      // The migration holds each segment's writer while copying it; the copy is made durable
      // segment by segment (the target's appends fsync).
      JsonlSegmentStore store = JsonlSegmentStore.open(root,
          create ? Durability.FSYNC_EACH : Durability.NONE);
      return new Opened("jsonl:" + root, store, () -> { });
    }
    if (!location.startsWith("jdbc:postgresql:")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "a postgres store takes a jdbc:postgresql: URL, not '" + location + "'");
    }
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(location);
    PostgresSegmentStore store = PostgresSegmentStore.builder(source).schema(schema).open();
    // The URL may carry a password: the report names the store without its query.
    int query = location.indexOf('?');
    String shown = "postgres:" + (query < 0 ? location : location.substring(0, query))
        + " (schema " + store.schema() + ")";
    return new Opened(shown, store, store);
  }
}
