package io.github.agentledger.segment.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an append costs in statements and commits, counted on the connections the store uses
 * ({@link CountingDataSource} over the real server), and how group-commit lanes share segments.
 * The leases are long so that no background renewal is counted.
 */
class AppendRoundTripTest {
  private static final String APPEND = "WITH seg AS (UPDATE ";
  private static final String BATCH = "WITH req AS (";

  private final TestPostgres server = TestPostgres.shared();
  private final IdGenerator ids = IdGenerator.system();
  private final CountingDataSource counting = new CountingDataSource(server.dataSource());

  private PostgresSegmentStore.Builder builder() {
    return PostgresSegmentStore.builder(counting).schema(TestPostgres.newSchema())
        .leaseDuration(Duration.ofMinutes(10));
  }

  private static List<LogEntry> read(PostgresSegmentStore store, SessionId session,
      SegmentId segment) {
    try (Stream<LogEntry> entries = store.read(session, segment)) {
      return entries.toList();
    }
  }

  @Test
  void aWritersAppendIsOneAutoCommittedStatementWithNoTransactionAroundIt() {
    try (PostgresSegmentStore store = builder().open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(PgEntries.start(session)));
      try (SegmentWriter writer = store.openWriter(session, segment)) {
        counting.reset();
        writer.append(List.of(PgEntries.message("w", 1)));
        writer.append(2, List.of(PgEntries.message("w", 2)));
        writer.append(List.of(PgEntries.message("w", 3), PgEntries.message("w", 4)));

        List<CountingDataSource.Call> calls = counting.calls();
        assertThat(calls).hasSize(3).allSatisfy(call -> {
          assertThat(call.what()).startsWith(APPEND);
          assertThat(call.autoCommit()).isTrue();
        });
      }
      assertThat(read(store, session, segment)).hasSize(5);
    }
  }

  @Test
  void aStoreLevelAppendIsOneStatementAndARefusalReadsItsReasonAfterwards() {
    try (PostgresSegmentStore store = builder().open()) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(PgEntries.start(session)));
      counting.reset();
      assertThat(store.append(session, segment, 1, List.of(PgEntries.message("s", 1))))
          .isEqualTo(2);
      assertThat(counting.calls()).singleElement().satisfies(call -> {
        assertThat(call.what()).startsWith(APPEND);
        assertThat(call.autoCommit()).isTrue();
      });

      counting.reset();
      assertThatThrownBy(() -> store.append(session, segment, 1,
          List.of(PgEntries.message("s", 2))))
          .isInstanceOf(SegmentConflictException.class);
      // The refused statement, then the read of the row that says why: only a refusal costs a
      // second statement, and nothing was appended.
      assertThat(counting.calls()).hasSize(2).allSatisfy(
          call -> assertThat(call.autoCommit()).isTrue());
      assertThat(read(store, session, segment)).hasSize(2);
    }
  }

  @Test
  void sixteenAppendersOnDistinctSegmentsSendAtMostOneStatementPerAppendAndNoTransactions()
      throws Exception {
    int threads = 16;
    int appends = 20;
    try (PostgresSegmentStore store = builder().groupCommitLanes(4).maxIdleConnections(16)
        .open()) {
      SessionId session = ids.newSessionId();
      List<SegmentWriter> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        SegmentId segment = ids.newSegmentId();
        store.create(session, segment, List.of(PgEntries.start(session)));
        writers.add(store.openWriter(session, segment));
      }
      counting.reset();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> tasks = new ArrayList<>();
        for (SegmentWriter writer : writers) {
          tasks.add(pool.submit(() -> {
            for (int n = 1; n <= appends; n++) {
              writer.append(n, List.of(PgEntries.message("t", n)));
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
      List<CountingDataSource.Call> calls = counting.calls();
      // Each append is a lone statement or shares a batch statement; no BEGIN, no COMMIT.
      assertThat(calls).hasSizeLessThanOrEqualTo(threads * appends).allSatisfy(call -> {
        assertThat(call.what()).satisfiesAnyOf(
            what -> assertThat(what).startsWith(APPEND),
            what -> assertThat(what).startsWith(BATCH));
        assertThat(call.autoCommit()).isTrue();
      });
      for (SegmentWriter writer : writers) {
        assertThat(writer.entryCount()).isEqualTo(1 + appends);
        writer.close();
      }
    }
  }

  @Test
  void distinctSegmentsCommitSideBySideWhileASegmentStaysInOneLane() throws Exception {
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger batches = new AtomicInteger();
    PostgresSegmentStore.Builder builder = builder().groupCommitLanes(2).beforeBatch(size -> {
      if (batches.incrementAndGet() == 1) {
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
      SegmentId other = ids.newSegmentId();
      store.create(session, held, List.of(PgEntries.start(session)));
      store.create(session, other, List.of(PgEntries.start(session)));
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<Long> first = pool.submit(() -> store.append(session, held,
            List.of(PgEntries.message("held", 1))));
        assertThat(firstHeld.await(60, TimeUnit.SECONDS)).isTrue();

        // The second lane commits another segment while the first lane's commit is held open.
        Future<Long> beside = pool.submit(() -> store.append(session, other,
            List.of(PgEntries.message("other", 1))));
        assertThat(beside.get(60, TimeUnit.SECONDS)).isEqualTo(2);

        // A second append to the held segment waits, although a lane is free: a segment is in
        // one lane at a time, so its appends cannot overtake each other.
        Future<Long> second = pool.submit(() -> store.append(session, held,
            List.of(PgEntries.message("held", 2))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (store.committer().waiting() < 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertThat(store.committer().waiting()).isEqualTo(1);
        assertThat(second).isNotDone();

        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo(3);
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
      assertThat(read(store, session, held)).containsExactly(PgEntries.start(session),
          PgEntries.message("held", 1), PgEntries.message("held", 2));
      assertThat(read(store, session, other)).containsExactly(PgEntries.start(session),
          PgEntries.message("other", 1));
      assertThat(batches).hasValue(3);
    }
  }
}
