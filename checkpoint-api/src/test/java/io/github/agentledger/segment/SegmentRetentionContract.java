package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.lineage.RetentionMode;
import io.github.agentledger.segment.lineage.RetentionReport;
import io.github.agentledger.segment.lineage.SegmentRetention;
import io.github.agentledger.segment.lineage.SkipReason;
import io.github.agentledger.segment.lineage.SkippedSession;
import io.github.agentledger.segment.lineage.StoredSession;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link SegmentRetention} over a store; run against each store implementation by
 * subclassing. Sessions are aged through a hook that sets the store's modification times.
 */
public abstract class SegmentRetentionContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  /** Sets the modification time of everything stored for a session, as the store reports it. */
  protected abstract void setLastModified(SegmentStore store, SessionId sessionId, Instant time);

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private SegmentStore store;
  private TestClock clock;
  private IdGenerator ids;
  private SegmentRetention retention;

  @BeforeEach
  protected void setUpRetention() {
    store = newStore();
    clock = new TestClock(NOW);
    ids = IdGenerator.create(clock, new SplittableRandom(11));
    retention = SegmentRetention.over(store, clock);
  }

  @AfterEach
  protected void closeRetentionStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** A session with {@code segments} segments and a trace, last modified {@code age} ago. */
  private StoredSession session(int segments, Duration age) {
    SessionId session = ids.newSessionId();
    for (int i = 0; i < segments; i++) {
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(LogEntryFixtures.start(session)));
      store.appendTrace(session, segment, List.of(TraceRecord.of("{\"turn\":" + i + "}")));
    }
    Instant modified = NOW.minus(age);
    setLastModified(store, session, modified);
    return new StoredSession(session, modified, segments);
  }

  @Test
  public void sessionsAreListedMostRecentlyModifiedFirst() {
    StoredSession old = session(2, Duration.ofDays(30));
    StoredSession recent = session(1, Duration.ofHours(1));
    StoredSession middle = session(3, Duration.ofDays(2));

    assertThat(retention.sessions()).containsExactly(recent, middle, old);
  }

  @Test
  public void pruneByAgeRemovesOnlyOlderSessionsAndReportsThem() {
    StoredSession old = session(2, Duration.ofDays(30));
    StoredSession older = session(1, Duration.ofDays(60));
    StoredSession atCutoff = session(1, Duration.ofDays(7));
    StoredSession recent = session(1, Duration.ofHours(1));

    RetentionReport dryRun = retention.pruneOlderThan(Duration.ofDays(7), RetentionMode.DRY_RUN);
    assertThat(dryRun.mode()).isEqualTo(RetentionMode.DRY_RUN);
    assertThat(dryRun.removed()).containsExactly(old, older);
    assertThat(store.listSessions()).hasSize(4);

    RetentionReport report = retention.pruneOlderThan(Duration.ofDays(7), RetentionMode.DELETE);
    assertThat(report.removed()).containsExactly(old, older);
    assertThat(report.skipped()).isEmpty();
    assertThat(store.listSessions())
        .containsExactlyInAnyOrder(atCutoff.sessionId(), recent.sessionId());
    assertThat(retention.pruneOlderThan(Duration.ofDays(7), RetentionMode.DELETE).removed())
        .isEmpty();
  }

  @Test
  public void pruneByCountKeepsTheMostRecentlyModified() {
    StoredSession a = session(1, Duration.ofDays(3));
    StoredSession b = session(1, Duration.ofDays(1));
    StoredSession c = session(1, Duration.ofDays(2));
    StoredSession d = session(1, Duration.ofDays(4));

    assertThat(retention.keepNewest(10, RetentionMode.DELETE).removed()).isEmpty();
    assertThat(retention.keepNewest(2, RetentionMode.DRY_RUN).removed()).containsExactly(a, d);
    assertThat(store.listSessions()).hasSize(4);

    assertThat(retention.keepNewest(2, RetentionMode.DELETE).removed()).containsExactly(a, d);
    assertThat(retention.sessions()).containsExactly(b, c);
    assertThat(retention.keepNewest(0, RetentionMode.DELETE).removed()).containsExactly(b, c);
    assertThat(store.listSessions()).isEmpty();
  }

  @Test
  public void badLimitsAreRejected() {
    session(1, Duration.ZERO);
    assertThatThrownBy(() -> retention.keepNewest(-1, RetentionMode.DELETE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> retention.pruneOlderThan(Duration.ofDays(-1), RetentionMode.DELETE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.listSessions()).hasSize(1);
  }

  @Test
  public void aSessionHeldByAWriterIsSkippedAndKeptWhole() {
    StoredSession held = session(2, Duration.ofDays(30));
    StoredSession free = session(1, Duration.ofDays(30));
    SegmentId heldSegment = store.listSegments(held.sessionId()).get(0);

    RetentionReport report;
    try (SegmentWriter writer = store.openWriter(held.sessionId(), heldSegment)) {
      report = retention.pruneOlderThan(Duration.ofDays(1), RetentionMode.DELETE);
    }

    assertThat(report.removed()).containsExactly(free);
    assertThat(report.skipped())
        .containsExactly(new SkippedSession(held, SkipReason.HELD_BY_WRITER));
    assertThat(store.listSegments(held.sessionId())).hasSize(2);
    try (Stream<TraceRecord> trace = store.readTrace(held.sessionId(), heldSegment)) {
      assertThat(trace).hasSize(1);
    }
  }

  @Test
  public void aSessionWrittenAfterItWasSelectedIsSkipped() {
    StoredSession touched = session(1, Duration.ofDays(30));
    StoredSession other = session(1, Duration.ofDays(30));
    // The second lastModified of `touched` (the check before deleting) sees a write in between.
    AtomicInteger reads = new AtomicInteger();
    SegmentStore racing =
        (SegmentStore)
            Proxy.newProxyInstance(
                SegmentStore.class.getClassLoader(),
                new Class<?>[] {SegmentStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("lastModified")
                      && args[0].equals(touched.sessionId())
                      && reads.incrementAndGet() == 2) {
                    setLastModified(store, touched.sessionId(), NOW);
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    RetentionReport report =
        SegmentRetention.over(racing, clock)
            .pruneOlderThan(Duration.ofDays(1), RetentionMode.DELETE);

    assertThat(report.removed()).containsExactly(other);
    assertThat(report.skipped())
        .containsExactly(new SkippedSession(touched, SkipReason.MODIFIED_SINCE_SELECTED));
    assertThat(store.listSessions()).containsExactly(touched.sessionId());
  }

  @Test
  public void deleteOneSessionReportsItAndHonoursDryRun() {
    StoredSession doomed = session(2, Duration.ofDays(1));
    StoredSession kept = session(1, Duration.ofDays(1));

    assertThat(retention.delete(doomed.sessionId(), RetentionMode.DRY_RUN).removed())
        .containsExactly(doomed);
    assertThat(store.listSessions()).hasSize(2);
    assertThat(retention.delete(doomed.sessionId(), RetentionMode.DELETE).removed())
        .containsExactly(doomed);
    assertThat(store.listSessions()).containsExactly(kept.sessionId());
    assertThat(retention.delete(doomed.sessionId(), RetentionMode.DELETE).removed()).isEmpty();
    assertThat(retention.delete(ids.newSessionId(), RetentionMode.DELETE).removed()).isEmpty();
  }

  @Test
  public void deletingAHeldSessionIsATypedErrorAndDeletesNothing() {
    StoredSession held = session(2, Duration.ofDays(1));
    SegmentId segment = store.listSegments(held.sessionId()).get(1);
    try (SegmentWriter writer = store.openWriter(held.sessionId(), segment)) {
      assertThatThrownBy(() -> retention.delete(held.sessionId(), RetentionMode.DELETE))
          .isInstanceOfSatisfying(
              SegmentLockedException.class, e -> assertThat(e.segmentId()).isEqualTo(segment));
    }
    assertThat(store.listSegments(held.sessionId())).hasSize(2);
  }
}
