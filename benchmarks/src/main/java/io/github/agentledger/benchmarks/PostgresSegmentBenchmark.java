package io.github.agentledger.benchmarks;

import com.google.gson.Gson;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlLineCodec;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.segment.postgres.PostgresSegmentStore;
import io.github.agentledger.segment.postgres.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The PostgreSQL segment store against the JSONL store with the same durability (every append
 * durable before it returns) and against a plain JDBC loop into the same {@code entries} table
 * (no lease, no compare-and-append, no session stamp: one {@code INSERT} in auto-commit per
 * append, one connection per thread). Entries are {@link BenchmarkEntries} (about 1 KB each).
 *
 * <ul>
 *   <li>append, 1 thread: {@code pgAppend1Thread}, {@code jsonlFsyncEachAppend1Thread}, {@code
 *       plainJdbcInsert1Thread};
 *   <li>append, 16 threads, each to its own segment (sixteen conversations on one node): {@code
 *       pgAppend16Threads} (one store, group commit), {@code jsonlGroupCommitAppend16Threads},
 *       {@code plainJdbcInsert16Threads};
 *   <li>restore of a 10 MB segment: {@code pgRestore}, {@code jsonlRestore}, {@code
 *       plainJdbcSelectGson} (the lines through a cursor of the same fetch size, each parsed by
 *       gson into plain objects).
 * </ul>
 *
 * <p>The server is the tests' (zonky's binaries, {@code synchronous_commit = on}), started once per
 * trial on this machine; each trial uses a fresh schema. The store and the plain loop connect
 * through the same data source to the same table (its primary key and its foreign key to the
 * segment row), so both commit with the same durability; per append the plain loop sends one
 * {@code INSERT}, the store one statement in auto-commit (more appends to a statement once its
 * lanes are busy). With 16 threads the plain loop uses 16 connections; the store up to {@code
 * groupCommitLanes} ({@code -p groupCommitLanes=16} gives it the same shape).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PostgresSegmentBenchmark {
  private static final int DISTINCT_ENTRIES = 4096;
  private static final long RESTORE_BYTES = 10L * 1024 * 1024;

  /** The Postgres store's group-commit lanes (concurrent transactions, one per connection). */
  @Param("4")
  public int groupCommitLanes;

  private final AtomicLong next = new AtomicLong();
  private final IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(5));
  private final Gson gson = new Gson();
  private List<BenchmarkEntries.Sample> samples;
  private TestPostgres server;
  private String schema;
  private PostgresSegmentStore pg;
  private JsonlSegmentStore jsonlFsync;
  private JsonlSegmentStore jsonlGroup;
  private Path dir;
  private SessionId restoreSession;
  private SegmentId restoreSegment;
  private JsonlSegmentStore jsonlRestoreStore;

  /** Starts the server, opens the stores and writes the 10 MB segment into both. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    samples = BenchmarkEntries.generate(DISTINCT_ENTRIES, 11);
    server = TestPostgres.shared();
    schema = TestPostgres.newSchema();
    pg = PostgresSegmentStore.builder(server.dataSource()).schema(schema)
        .groupCommitLanes(groupCommitLanes).maxIdleConnections(32).open();
    dir = Files.createTempDirectory("agentledger-pg-bench");
    jsonlFsync = JsonlSegmentStore.open(dir.resolve("fsync"), Durability.FSYNC_EACH);
    jsonlGroup = JsonlSegmentStore.open(dir.resolve("group"), Durability.GROUP_COMMIT);
    jsonlRestoreStore = JsonlSegmentStore.open(dir.resolve("restore"), Durability.NONE);
    restoreSession = ids.newSessionId();
    restoreSegment = ids.newSegmentId();
    for (SegmentStore store : List.of(pg, jsonlRestoreStore)) {
      store.create(restoreSession, restoreSegment, List.of(start(restoreSession)));
      long bytes = 0;
      List<LogEntry> batch = new ArrayList<>();
      for (int i = 0; bytes < RESTORE_BYTES; i++) {
        LogEntry entry = samples.get(i % DISTINCT_ENTRIES).entry();
        bytes += JsonlLineCodec.encode(entry).length + 1;
        batch.add(entry);
        if (batch.size() == 500) {
          store.append(restoreSession, restoreSegment, batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        store.append(restoreSession, restoreSegment, batch);
      }
    }
  }

  /** Closes the stores, drops the schema and removes the files. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    pg.close();
    server.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static LogEntry start(SessionId session) {
    return LogEntry.SegmentStart.fresh(1, session, Optional.of("bench"), RequestConfig.defaults(),
        List.of());
  }

  LogEntry nextEntry() {
    return samples.get((int) (next.getAndIncrement() % DISTINCT_ENTRIES)).entry();
  }

  /** One thread's segments: a writer in each store and a plain JDBC connection. */
  @State(Scope.Thread)
  public static class PerThread {
    SegmentWriter pgWriter;
    SegmentWriter jsonlFsyncWriter;
    SegmentWriter jsonlGroupWriter;
    Connection plain;
    PreparedStatement insert;
    UUID plainSession;
    UUID plainSegment;
    long plainSeq;

    /** Creates this thread's segments and opens their writers. */
    @Setup(Level.Trial)
    public void open(PostgresSegmentBenchmark bench) throws SQLException {
      pgWriter = writer(bench, bench.pg);
      jsonlFsyncWriter = writer(bench, bench.jsonlFsync);
      jsonlGroupWriter = writer(bench, bench.jsonlGroup);
      SessionId session = bench.ids.newSessionId();
      SegmentId segment = bench.ids.newSegmentId();
      bench.pg.create(session, segment, List.of(start(session)));
      plainSession = session.value();
      plainSegment = segment.value();
      plainSeq = 1;
      plain = bench.server.dataSource().getConnection();
      insert = plain.prepareStatement("INSERT INTO \"" + bench.schema
          + "\".entries (session_id, segment_id, seq, line) VALUES (?, ?, ?, ?)");
    }

    private static SegmentWriter writer(PostgresSegmentBenchmark bench, SegmentStore store) {
      SessionId session = bench.ids.newSessionId();
      SegmentId segment = bench.ids.newSegmentId();
      store.create(session, segment, List.of(start(session)));
      return store.openWriter(session, segment);
    }

    /** Closes the writers and the connection. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      pgWriter.close();
      jsonlFsyncWriter.close();
      jsonlGroupWriter.close();
      insert.close();
      plain.close();
    }

    long plainInsert(LogEntry entry) throws SQLException {
      insert.setObject(1, plainSession);
      insert.setObject(2, plainSegment);
      insert.setLong(3, ++plainSeq);
      insert.setBytes(4, JsonlLineCodec.encode(entry));
      insert.executeUpdate();
      return plainSeq;
    }
  }

  /** {@return the entry count} One entry through the Postgres store's writer. */
  @Benchmark
  public long pgAppend1Thread(PerThread thread) {
    return thread.pgWriter.append(List.of(nextEntry()));
  }

  /** {@return the entry count} One entry through an FSYNC_EACH JSONL writer. */
  @Benchmark
  public long jsonlFsyncEachAppend1Thread(PerThread thread) {
    return thread.jsonlFsyncWriter.append(List.of(nextEntry()));
  }

  /** {@return the sequence number} One plain INSERT of the encoded line, auto-commit. */
  @Benchmark
  public long plainJdbcInsert1Thread(PerThread thread) throws SQLException {
    return thread.plainInsert(nextEntry());
  }

  /** {@return the entry count} Sixteen threads, each its own segment, one store. */
  @Benchmark
  @Threads(16)
  public long pgAppend16Threads(PerThread thread) {
    return thread.pgWriter.append(List.of(nextEntry()));
  }

  /** {@return the entry count} Sixteen threads, each its own GROUP_COMMIT JSONL segment. */
  @Benchmark
  @Threads(16)
  public long jsonlGroupCommitAppend16Threads(PerThread thread) {
    return thread.jsonlGroupWriter.append(List.of(nextEntry()));
  }

  /** {@return the sequence number} Sixteen threads, each its own connection and segment. */
  @Benchmark
  @Threads(16)
  public long plainJdbcInsert16Threads(PerThread thread) throws SQLException {
    return thread.plainInsert(nextEntry());
  }

  /** {@return the entries replayed} The Postgres store's restore of the 10 MB segment. */
  @Benchmark
  public long pgRestore() {
    return pg.restore(restoreSession, restoreSegment).entryCount();
  }

  /** {@return the entries replayed} The JSONL store's restore of the same segment. */
  @Benchmark
  public long jsonlRestore() {
    return jsonlRestoreStore.restore(restoreSession, restoreSegment).entryCount();
  }

  /** {@return the lines parsed} The lines through a cursor, each parsed by gson, plain objects. */
  @Benchmark
  public long plainJdbcSelectGson(Blackhole blackhole) throws SQLException {
    long count = 0;
    try (Connection connection = server.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement("SELECT line FROM \"" + schema
          + "\".entries WHERE session_id = ? AND segment_id = ? ORDER BY seq")) {
        select.setFetchSize(256);
        select.setObject(1, restoreSession.value());
        select.setObject(2, restoreSegment.value());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String line = new String(rows.getBytes(1), StandardCharsets.UTF_8);
            blackhole.consume(gson.fromJson(line, BenchmarkEntries.PlainLine.class));
            count++;
          }
        }
      }
      connection.commit();
    }
    return count;
  }
}
