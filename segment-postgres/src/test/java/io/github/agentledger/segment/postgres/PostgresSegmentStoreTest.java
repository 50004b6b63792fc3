package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UnsupportedFormatVersionException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the PostgreSQL store adds to the contract: schema versions, leases, group commit. */
class PostgresSegmentStoreTest {
  private final TestPostgres server = TestPostgres.shared();
  private final IdGenerator ids = IdGenerator.system();

  private PostgresSegmentStore.Builder builder(String schema) {
    return PostgresSegmentStore.builder(server.dataSource()).schema(schema);
  }

  private long scalar(String sql) {
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String text(String sql) {
    try (Connection connection = server.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<LogEntry> read(PostgresSegmentStore store, SessionId session, SegmentId segment) {
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      return entries.toList();
    }
  }

  @Test
  void openCreatesTheSchemaOnceAndRecordsItsVersion() {
    String schema = TestPostgres.newSchema();
    builder(schema).open().close();
    try (PostgresSegmentStore again = builder(schema).open()) {
      assertThat(again.listSessions()).isEmpty();
    }
    assertThat(scalar("SELECT count(*) FROM \"" + schema + "\".schema_version"))
        .isEqualTo(Migrations.CURRENT);
    assertThat(scalar("SELECT max(version) FROM \"" + schema + "\".schema_version"))
        .isEqualTo(Migrations.CURRENT);
  }

  @Test
  void concurrentOpenersMigrateOnce() throws Exception {
    String schema = TestPostgres.newSchema();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PostgresSegmentStore>> opened = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        opened.add(pool.submit(() -> builder(schema).open()));
      }
      for (Future<PostgresSegmentStore> store : opened) {
        store.get(60, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(scalar("SELECT count(*) FROM \"" + schema + "\".schema_version"))
        .isEqualTo(Migrations.CURRENT);
  }

  @Test
  void aSchemaMigratedByNewerCodeIsRefusedAndLeftAsItIs() {
    String schema = TestPostgres.newSchema();
    builder(schema).open().close();
    server.execute("INSERT INTO \"" + schema + "\".schema_version (version) VALUES ("
        + (Migrations.CURRENT + 1) + ")");

    assertThatThrownBy(() -> builder(schema).open())
        .isInstanceOfSatisfying(UnsupportedFormatVersionException.class, e -> {
          assertThat(e.found()).startsWith(Integer.toString(Migrations.CURRENT + 1));
          assertThat(e.supported()).containsExactly(Migrations.CURRENT);
        });
    assertThat(scalar("SELECT count(*) FROM \"" + schema + "\".schema_version"))
        .isEqualTo(Migrations.CURRENT + 1);
  }

  @Test
  void conversationKeysAreUniqueAndAttributesAreJsonPerSession() {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore store = builder(schema).open()) {
      SessionId session = ids.newSessionId();
      store.create(session, ids.newSegmentId(), List.of(PgEntries.start(session)));
      String s = "\"" + schema + "\"";
      server.execute("INSERT INTO " + s + ".conversation_keys VALUES ('slack:C1/T9', '"
          + session + "', now())");
      server.execute("INSERT INTO " + s + ".session_attributes VALUES ('" + session
          + "', 'user', '{\"id\":7}')");
      assertThatThrownBy(() -> server.execute("INSERT INTO " + s
          + ".conversation_keys VALUES ('slack:C1/T9', '" + ids.newSessionId() + "', now())"))
          .hasMessageContaining("conversation_keys_pkey");
      store.putSessionAttributes(session,
          Map.of("app", JsonText.of("{\"b\":1,\"a\":2.50,\"e\":\"\\u00e9\"}")));
      // Version 2 stores the JSON text as given; version 1's jsonb reordered the keys and decoded
      // the escape.
      assertThat(text("SELECT value FROM " + s + ".session_attributes WHERE name = 'app'"))
          .isEqualTo("{\"b\":1,\"a\":2.50,\"e\":\"\\u00e9\"}");

      assertThat(store.deleteSession(session)).isTrue();
      assertThat(scalar("SELECT count(*) FROM " + s + ".conversation_keys")).isZero();
      assertThat(scalar("SELECT count(*) FROM " + s + ".session_attributes")).isZero();
    }
  }

  @Test
  void aBadSchemaNameIsRejectedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> builder("x\"; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema");
  }

  @Test
  void anotherStoreCannotOpenAWriterWhileTheLeaseIsLive() {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore nodeA = builder(schema).open();
        PostgresSegmentStore nodeB = builder(schema).open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      nodeA.create(session, segment, List.of(PgEntries.start(session)));
      try (SegmentWriter writer = nodeA.openWriter(session, segment)) {
        assertThatThrownBy(() -> nodeB.openWriter(session, segment))
            .isInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> nodeB.append(session, segment, List.of(PgEntries.message("b", 1))))
            .isInstanceOf(SegmentLockedException.class);
        writer.append(List.of(PgEntries.message("a", 1)));
      }
      assertThat(nodeB.append(session, segment, List.of(PgEntries.message("b", 2)))).isEqualTo(3);
    }
  }

  @Test
  void anExpiredLeaseIsTakenOverAndTheOldWriterIsFencedOut() {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore nodeA = builder(schema).leaseDuration(Duration.ofSeconds(30)).open();
        PostgresSegmentStore nodeB = builder(schema).open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      nodeA.create(session, segment, List.of(PgEntries.start(session)));
      SegmentWriter stale = nodeA.openWriter(session, segment);
      stale.append(List.of(PgEntries.message("a", 1)));
      // Node A pauses past its lease: expire it as the database's clock would see it.
      server.execute("UPDATE \"" + schema + "\".segments SET lease_expires_at ="
          + " clock_timestamp() - interval '1 second'");

      try (SegmentWriter takeover = nodeB.openWriter(session, segment)) {
        assertThat(takeover.entryCount()).isEqualTo(2);
        assertThatThrownBy(() -> stale.append(List.of(PgEntries.message("a", 2))))
            .isInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> stale.truncate(1)).isInstanceOf(SegmentLockedException.class);
        takeover.append(List.of(PgEntries.message("b", 1)));
      }
      stale.close();
      assertThat(read(nodeB, session, segment)).containsExactly(PgEntries.start(session),
          PgEntries.message("a", 1), PgEntries.message("b", 1));
    }
  }

  @Test
  void aStoreLevelAppendAfterExpiryFencesTheOldWriter() {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore store = builder(schema).open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(PgEntries.start(session)));
      SegmentWriter stale = store.openWriter(session, segment);
      server.execute("UPDATE \"" + schema + "\".segments SET lease_expires_at ="
          + " clock_timestamp() - interval '1 second'");

      assertThat(store.append(session, segment, List.of(PgEntries.message("short", 1))))
          .isEqualTo(2);
      assertThatThrownBy(() -> stale.append(List.of(PgEntries.message("stale", 1))))
          .isInstanceOf(SegmentLockedException.class);
      stale.close();
      assertThat(store.entryCount(session, segment)).isEqualTo(2);
    }
  }

  @Test
  void leasesAreRenewedWhileTheWriterIsOpen() throws Exception {
    String schema = TestPostgres.newSchema();
    try (PostgresSegmentStore nodeA = builder(schema).leaseDuration(Duration.ofMillis(300)).open();
        PostgresSegmentStore nodeB = builder(schema).open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      nodeA.create(session, segment, List.of(PgEntries.start(session)));
      try (SegmentWriter writer = nodeA.openWriter(session, segment)) {
        String expires = "SELECT (extract(epoch FROM lease_expires_at) * 1000)::bigint FROM \""
            + schema + "\".segments";
        long first = scalar(expires);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (scalar(expires) == first && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(scalar(expires)).isGreaterThan(first);
        assertThatThrownBy(() -> nodeB.openWriter(session, segment))
            .isInstanceOf(SegmentLockedException.class);
        writer.append(List.of(PgEntries.message("a", 1)));
      }
    }
  }

  @Test
  void concurrentAppendersShareOneTransaction() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    PostgresSegmentStore.Builder builder = builder(TestPostgres.newSchema()).groupCommitLanes(1)
        .beforeBatch(size -> {
      synchronized (sizes) {
        sizes.add(size);
      }
      if (firstHeld.getCount() > 0) {
        firstHeld.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    int threads = 8;
    try (PostgresSegmentStore store = builder.open()) {
      SessionId session = ids.newSessionId();
      List<SegmentId> segments = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        SegmentId segment = ids.newSegmentId();
        store.create(session, segment, List.of(PgEntries.start(session)));
        segments.add(segment);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Long>> appends = new ArrayList<>();
        appends.add(pool.submit(() -> store.append(session, segments.get(0),
            List.of(PgEntries.message("t", 0)))));
        assertThat(firstHeld.await(60, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < threads; i++) {
          int n = i;
          appends.add(pool.submit(() -> store.append(session, segments.get(n),
              List.of(PgEntries.message("t", n)))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.committer().waiting() < threads - 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        release.countDown();
        for (Future<Long> append : appends) {
          assertThat(append.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(sizes).containsExactly(1, threads - 1);
      for (int i = 0; i < threads; i++) {
        assertThat(read(store, session, segments.get(i)))
            .containsExactly(PgEntries.start(session), PgEntries.message("t", i));
      }
    }
  }

  @Test
  void aRefusedAppendInABatchRefusesOnlyItself() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PostgresSegmentStore.Builder builder = builder(TestPostgres.newSchema()).groupCommitLanes(1)
        .beforeBatch(size -> {
      if (firstHeld.getCount() > 0) {
        firstHeld.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try (PostgresSegmentStore store = builder.open()) {
      SessionId session = ids.newSessionId();
      SegmentId held = ids.newSegmentId();
      SegmentId good = ids.newSegmentId();
      SegmentId stale = ids.newSegmentId();
      for (SegmentId segment : List.of(held, good, stale)) {
        store.create(session, segment, List.of(PgEntries.start(session)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<Long> first = pool.submit(() -> store.append(session, held,
            List.of(PgEntries.message("held", 1))));
        assertThat(firstHeld.await(60, TimeUnit.SECONDS)).isTrue();
        Future<Long> ok = pool.submit(() -> store.append(session, good, 1,
            List.of(PgEntries.message("good", 1))));
        Future<Long> conflict = pool.submit(() -> store.append(session, stale, 5,
            List.of(PgEntries.message("stale", 1))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.committer().waiting() < 2 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(ok.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> conflict.get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentConflictException.class);
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.entryCount(session, stale)).isEqualTo(1);
      assertThat(store.committer().batches()).isEqualTo(2);
    }
  }
  @Test
  void aMixedBatchIsDecidedAppendByAppendAndKeepsTheOrderWithinASegment() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    String schema = TestPostgres.newSchema();
    PostgresSegmentStore.Builder builder = builder(schema).groupCommitLanes(1)
        .beforeBatch(size -> {
      synchronized (sizes) {
        sizes.add(size);
      }
      if (firstHeld.getCount() > 0) {
        firstHeld.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try (PostgresSegmentStore store = builder.open()) {
      SessionId session = ids.newSessionId();
      SegmentId first = ids.newSegmentId();
      SegmentId shared = ids.newSegmentId();
      SegmentId owned = ids.newSegmentId();
      SegmentId fenced = ids.newSegmentId();
      SegmentId stale = ids.newSegmentId();
      SegmentId missing = ids.newSegmentId();
      for (SegmentId segment : List.of(first, shared, owned, fenced, stale)) {
        store.create(session, segment, List.of(PgEntries.start(session)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(9);
      try (SegmentWriter owner = store.openWriter(session, owned);
          SegmentWriter overtaken = store.openWriter(session, fenced)) {
        // Another node took the lease of `fenced` over: the token moved on.
        server.execute("UPDATE \"" + schema + "\".segments SET lease_token = lease_token + 1"
            + " WHERE segment_id = '" + fenced + "'");
        Future<Long> held = pool.submit(() -> store.append(session, first,
            List.of(PgEntries.message("first", 1))));
        assertThat(firstHeld.await(60, TimeUnit.SECONDS)).isTrue();
        List<Future<Long>> queued = new ArrayList<>();
        List<java.util.concurrent.Callable<Long>> appends = List.of(
            () -> store.append(session, shared,
                List.of(PgEntries.message("shared", 1), PgEntries.message("shared", 2))),
            () -> store.append(session, shared, 3, List.of(PgEntries.message("shared", 3))),
            () -> store.append(session, shared, 3, List.of(PgEntries.message("late", 3))),
            () -> owner.append(List.of(PgEntries.message("owner", 1))),
            () -> store.append(session, owned, List.of(PgEntries.message("intruder", 1))),
            () -> overtaken.append(List.of(PgEntries.message("overtaken", 1))),
            () -> store.append(session, stale, 5, List.of(PgEntries.message("stale", 1))),
            () -> store.append(session, missing, List.of(PgEntries.message("missing", 1))));
        for (java.util.concurrent.Callable<Long> append : appends) {
          int before = store.committer().waiting();
          queued.add(pool.submit(append));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (store.committer().waiting() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
        release.countDown();

        assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(queued.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(queued.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(4);
        assertThatThrownBy(() -> queued.get(2).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentConflictException.class);
        assertThat(queued.get(3).get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> queued.get(4).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> queued.get(5).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> queued.get(6).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentConflictException.class);
        assertThatThrownBy(() -> queued.get(7).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(io.github.agentledger.segment.SegmentNotFoundException.class);
      } finally {
        pool.shutdownNow();
      }
      assertThat(sizes).containsExactly(1, 8);
      assertThat(read(store, session, shared)).containsExactly(PgEntries.start(session),
          PgEntries.message("shared", 1), PgEntries.message("shared", 2),
          PgEntries.message("shared", 3));
      assertThat(read(store, session, owned))
          .containsExactly(PgEntries.start(session), PgEntries.message("owner", 1));
      assertThat(store.entryCount(session, fenced)).isEqualTo(1);
      assertThat(store.entryCount(session, stale)).isEqualTo(1);
      assertThat(store.exists(session, missing)).isFalse();
    }
  }

  @Test
  void aBatchOnDistinctSegmentsTellsEachRefusalFromItsOneStatement() throws Exception {
    // Every request on another segment: one round, one auto-committed statement, which returns
    // why it refused what it refused (no second read, no transaction around it).
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    String schema = TestPostgres.newSchema();
    PostgresSegmentStore.Builder builder = builder(schema).groupCommitLanes(1)
        .beforeBatch(size -> {
      synchronized (sizes) {
        sizes.add(size);
      }
      if (firstHeld.getCount() > 0) {
        firstHeld.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    try (PostgresSegmentStore store = builder.open()) {
      SessionId session = ids.newSessionId();
      SegmentId first = ids.newSegmentId();
      SegmentId good = ids.newSegmentId();
      SegmentId owned = ids.newSegmentId();
      SegmentId fenced = ids.newSegmentId();
      SegmentId stale = ids.newSegmentId();
      SegmentId missing = ids.newSegmentId();
      for (SegmentId segment : List.of(first, good, owned, fenced, stale)) {
        store.create(session, segment, List.of(PgEntries.start(session)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(7);
      try (SegmentWriter owner = store.openWriter(session, owned);
          SegmentWriter overtaken = store.openWriter(session, fenced)) {
        server.execute("UPDATE \"" + schema + "\".segments SET lease_token = lease_token + 1"
            + " WHERE segment_id = '" + fenced + "'");
        Future<Long> held = pool.submit(() -> store.append(session, first,
            List.of(PgEntries.message("first", 1))));
        assertThat(firstHeld.await(60, TimeUnit.SECONDS)).isTrue();
        List<Future<Long>> queued = new ArrayList<>();
        List<java.util.concurrent.Callable<Long>> appends = List.of(
            () -> store.append(session, good, 1,
                List.of(PgEntries.message("good", 1), PgEntries.message("good", 2))),
            () -> owner.append(List.of(PgEntries.message("owner", 1))),
            () -> store.append(session, owned, List.of(PgEntries.message("intruder", 1))),
            () -> overtaken.append(List.of(PgEntries.message("overtaken", 1))),
            () -> store.append(session, stale, 5, List.of(PgEntries.message("stale", 1))),
            () -> store.append(session, missing, List.of(PgEntries.message("missing", 1))));
        for (java.util.concurrent.Callable<Long> append : appends) {
          int before = store.committer().waiting();
          queued.add(pool.submit(append));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (store.committer().waiting() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
          }
        }
        release.countDown();

        assertThat(held.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(queued.get(0).get(60, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(queued.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> queued.get(2).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> queued.get(3).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SegmentLockedException.class);
        assertThatThrownBy(() -> queued.get(4).get(60, TimeUnit.SECONDS))
            .cause().isInstanceOfSatisfying(SegmentConflictException.class, conflict -> {
              assertThat(conflict.expectedEntryCount()).isEqualTo(5);
              assertThat(conflict.actualEntryCount()).isEqualTo(1);
            });
        assertThatThrownBy(() -> queued.get(5).get(60, TimeUnit.SECONDS))
            .hasCauseInstanceOf(io.github.agentledger.segment.SegmentNotFoundException.class);
      } finally {
        pool.shutdownNow();
      }
      assertThat(sizes).containsExactly(1, 6);
      assertThat(read(store, session, good)).containsExactly(PgEntries.start(session),
          PgEntries.message("good", 1), PgEntries.message("good", 2));
      assertThat(read(store, session, owned))
          .containsExactly(PgEntries.start(session), PgEntries.message("owner", 1));
      assertThat(store.entryCount(session, fenced)).isEqualTo(1);
      assertThat(store.entryCount(session, stale)).isEqualTo(1);
      assertThat(store.exists(session, missing)).isFalse();
    }
  }

  @Test
  void manyThreadsOverSeveralLanesLoseNothingAndKeepEachThreadsOrder() throws Exception {
    int threads = 16;
    int appends = 25;
    try (PostgresSegmentStore store = builder(TestPostgres.newSchema()).groupCommitLanes(4)
        .open()) {
      SessionId session = ids.newSessionId();
      List<SegmentId> segments = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        SegmentId segment = ids.newSegmentId();
        store.create(session, segment, List.of(PgEntries.start(session)));
        segments.add(segment);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          tasks.add(pool.submit(() -> {
            for (int n = 1; n <= appends; n++) {
              store.append(session, segments.get(thread % 4),
                  List.of(PgEntries.message("t" + thread, n)));
            }
            return null;
          }));
        }
        for (Future<?> task : tasks) {
          task.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      for (int s = 0; s < 4; s++) {
        List<LogEntry> entries = read(store, session, segments.get(s));
        assertThat(entries).hasSize(1 + threads / 4 * appends);
        for (int t = s; t < threads; t += 4) {
          List<LogEntry> expected = new ArrayList<>();
          for (int n = 1; n <= appends; n++) {
            expected.add(PgEntries.message("t" + t, n));
          }
          assertThat(entries.stream().filter(expected::contains).toList()).isEqualTo(expected);
        }
      }
    }
  }
}
