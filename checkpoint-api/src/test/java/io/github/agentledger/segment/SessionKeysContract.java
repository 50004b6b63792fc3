package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.lineage.ForkTarget;
import io.github.agentledger.segment.lineage.SegmentHead;
import io.github.agentledger.segment.lineage.SegmentLineage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation keys, session attributes and JSONL bytes every {@link SegmentStore} must
 * provide; run against each implementation by subclassing (the PostgreSQL store included).
 */
public abstract class SessionKeysContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  private SegmentStore store;
  private IdGenerator ids;
  private TestClock clock;

  @BeforeEach
  protected void setUpStore() {
    store = newStore();
    clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    ids = IdGenerator.create(clock, new SplittableRandom(15));
  }

  @AfterEach
  protected void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private SessionId newSession() {
    SessionId session = ids.newSessionId();
    store.create(session, ids.newSegmentId(), List.of(LogEntryFixtures.start(session)));
    return session;
  }

  private static ConversationKey key(String value) {
    return ConversationKey.of(value);
  }

  @Test
  void anUnboundKeyIsNotFoundAndNothingIsListed() {
    assertThat(store.lookupKey(key("memory-1"))).isEmpty();
    assertThat(store.listKeys()).isEmpty();
  }

  @Test
  void aBoundKeyIsFoundAndListed() {
    SessionId session = newSession();

    assertThat(store.bindKey(key("memory-1"), session)).isEqualTo(session);

    assertThat(store.lookupKey(key("memory-1"))).contains(session);
    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("memory-1"), session));
  }

  @Test
  void aSecondBindOfABoundKeyReturnsTheFirstSessionAndChangesNothing() {
    SessionId first = newSession();
    SessionId second = newSession();
    store.bindKey(key("k"), first);

    assertThat(store.bindKey(key("k"), second)).isEqualTo(first);

    assertThat(store.lookupKey(key("k"))).contains(first);
    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("k"), first));
  }

  @Test
  void keysAreExactStrings() {
    SessionId a = newSession();
    SessionId b = newSession();
    SessionId c = newSession();
    store.bindKey(key("user/42:chat"), a);
    store.bindKey(key("User/42:chat"), b);
    store.bindKey(key("user/42:chat \u00e9\ud83d\ude00"), c);

    assertThat(store.lookupKey(key("user/42:chat"))).contains(a);
    assertThat(store.lookupKey(key("User/42:chat"))).contains(b);
    assertThat(store.lookupKey(key("user/42:chat \u00e9\ud83d\ude00"))).contains(c);
    assertThat(store.listKeys()).extracting(KeyBinding::key)
        .containsExactly(key("User/42:chat"), key("user/42:chat"),
            key("user/42:chat \u00e9\ud83d\ude00"));
  }

  @Test
  void bindingToASessionWithoutSegmentsFailsAndLeavesTheKeyUnbound() {
    SessionId ghost = ids.newSessionId();

    assertThatThrownBy(() -> store.bindKey(key("k"), ghost))
        .isInstanceOf(SessionNotFoundException.class)
        .hasMessageContaining(ghost.toString());

    assertThat(store.lookupKey(key("k"))).isEmpty();
  }

  @Test
  void unbindingRemovesOnlyTheBinding() {
    SessionId session = newSession();
    store.bindKey(key("k"), session);

    assertThat(store.unbindKey(key("k"))).isTrue();
    assertThat(store.unbindKey(key("k"))).isFalse();

    assertThat(store.lookupKey(key("k"))).isEmpty();
    assertThat(store.listSessions()).contains(session);
    assertThat(store.bindKey(key("k"), newSession())).isNotEqualTo(session);
  }

  @Test
  void concurrentBindersOfOneKeyAllGetOneSession() throws Exception {
    int binders = 8;
    List<SessionId> sessions = new ArrayList<>();
    for (int i = 0; i < binders; i++) {
      sessions.add(newSession());
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(binders);
    try {
      List<Future<SessionId>> results = new ArrayList<>();
      for (SessionId session : sessions) {
        results.add(pool.submit(() -> {
          start.await();
          return store.bindKey(key("race"), session);
        }));
      }
      start.countDown();
      List<SessionId> winners = new ArrayList<>();
      for (Future<SessionId> result : results) {
        winners.add(result.get(30, TimeUnit.SECONDS));
      }

      assertThat(winners).containsOnly(winners.get(0));
      assertThat(store.lookupKey(key("race"))).contains(winners.get(0));
      assertThat(store.listKeys()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRebindMovesTheKeyOnlyFromTheExpectedSession() {
    SessionId origin = newSession();
    SessionId fork = newSession();
    store.bindKey(key("k"), origin);

    store.rebindKey(key("k"), origin, fork);

    assertThat(store.lookupKey(key("k"))).contains(fork);
    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("k"), fork));
    // The claim moved too: the old session no longer takes the key with it.
    assertThat(store.deleteSession(origin)).isTrue();
    assertThat(store.lookupKey(key("k"))).contains(fork);
    assertThat(store.deleteSession(fork)).isTrue();
    assertThat(store.lookupKey(key("k"))).isEmpty();
  }

  @Test
  void aRebindExpectingAnotherSessionFailsTypedAndChangesNothing() {
    SessionId bound = newSession();
    SessionId stale = newSession();
    SessionId fork = newSession();
    store.bindKey(key("k"), bound);

    assertThatThrownBy(() -> store.rebindKey(key("k"), stale, fork))
        .isInstanceOfSatisfying(KeyBindingConflictException.class, e -> {
          assertThat(e.key()).isEqualTo(key("k"));
          assertThat(e.expected()).isEqualTo(stale);
          assertThat(e.actual()).contains(bound);
        })
        .hasMessageContaining(bound.toString())
        .hasMessageContaining(stale.toString());
    assertThatThrownBy(() -> store.rebindKey(key("unbound"), bound, fork))
        .isInstanceOfSatisfying(KeyBindingConflictException.class,
            e -> assertThat(e.actual()).isEmpty())
        .hasMessageContaining("unbound");

    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("k"), bound));
  }

  @Test
  void aRebindToASessionWithoutSegmentsFailsAndLeavesTheKey() {
    SessionId bound = newSession();
    store.bindKey(key("k"), bound);
    SessionId ghost = ids.newSessionId();

    assertThatThrownBy(() -> store.rebindKey(key("k"), bound, ghost))
        .isInstanceOf(SessionNotFoundException.class)
        .hasMessageContaining(ghost.toString());

    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("k"), bound));
  }

  @Test
  void aRebindToTheBoundSessionChangesNothing() {
    SessionId bound = newSession();
    store.bindKey(key("k"), bound);

    store.rebindKey(key("k"), bound, bound);

    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("k"), bound));
    assertThat(store.deleteSession(bound)).isTrue();
    assertThat(store.lookupKey(key("k"))).isEmpty();
  }

  @Test
  void concurrentRebindsExpectingOneSessionHaveExactlyOneWinner() throws Exception {
    SessionId origin = newSession();
    store.bindKey(key("race"), origin);
    int racers = 8;
    List<SessionId> forks = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      forks.add(newSession());
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<Optional<SessionId>>> results = new ArrayList<>();
      for (SessionId fork : forks) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            store.rebindKey(key("race"), origin, fork);
            return Optional.of(fork);
          } catch (KeyBindingConflictException e) {
            assertThat(e.actual()).isPresent().isNotEqualTo(Optional.of(origin));
            return Optional.<SessionId>empty();
          }
        }));
      }
      start.countDown();
      List<SessionId> winners = new ArrayList<>();
      for (Future<Optional<SessionId>> result : results) {
        result.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
      }

      assertThat(winners).hasSize(1);
      assertThat(store.lookupKey(key("race"))).contains(winners.get(0));
      assertThat(store.listKeys()).containsExactly(new KeyBinding(key("race"), winners.get(0)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deletingASessionRemovesItsKeysAndAttributes() {
    SessionId session = newSession();
    SessionId other = newSession();
    store.bindKey(key("a"), session);
    store.bindKey(key("b"), other);
    store.putSessionAttributes(session, Map.of("user", JsonText.of("\"ada\"")));

    assertThat(store.deleteSession(session)).isTrue();

    assertThat(store.lookupKey(key("a"))).isEmpty();
    assertThat(store.lookupKey(key("b"))).contains(other);
    assertThat(store.listKeys()).containsExactly(new KeyBinding(key("b"), other));
    assertThat(store.sessionAttributes(session)).isEmpty();
  }

  @Test
  void attributesAreSetMergedReadAndRemoved() {
    SessionId session = newSession();

    store.putSessionAttributes(session, Map.of(
        "user", JsonText.of("{\"id\":42,\"name\":\"Ada\"}"),
        "app", JsonText.of("\"support\"")));
    store.putSessionAttributes(session, Map.of(
        "app", JsonText.of("\"billing\""),
        "tags", JsonText.of("[1,2.50,\"\\u00e9\"]")));

    assertThat(store.sessionAttributes(session)).containsExactly(
        Map.entry("app", JsonText.of("\"billing\"")),
        Map.entry("tags", JsonText.of("[1,2.50,\"\\u00e9\"]")),
        Map.entry("user", JsonText.of("{\"id\":42,\"name\":\"Ada\"}")));
    assertThat(store.removeSessionAttribute(session, "app")).isTrue();
    assertThat(store.removeSessionAttribute(session, "app")).isFalse();
    assertThat(store.sessionAttributes(session)).containsOnlyKeys("tags", "user");
  }

  @Test
  void attributesOfAMissingSessionAreEmptyAndCannotBeSet() {
    SessionId ghost = ids.newSessionId();

    assertThat(store.sessionAttributes(ghost)).isEmpty();
    assertThatThrownBy(() -> store.putSessionAttributes(ghost, Map.of("a", JsonText.of("1"))))
        .isInstanceOf(SessionNotFoundException.class);
    assertThat(store.removeSessionAttribute(ghost, "a")).isFalse();
  }

  @Test
  void aForkIntoANewSessionInheritsNoKeyAndNoAttribute() {
    SessionId session = newSession();
    store.bindKey(key("k"), session);
    store.putSessionAttributes(session, Map.of("a", JsonText.of("1")));
    SegmentRef source = new SegmentRef(session, store.listSegments(session).get(0));

    SegmentHead fork =
        SegmentLineage.over(store, ids, clock).fork(source, ForkTarget.NEW_SESSION);

    assertThat(store.lookupKey(key("k"))).contains(session);
    assertThat(store.listKeys()).extracting(KeyBinding::sessionId).containsOnly(session);
    assertThat(store.sessionAttributes(fork.segment().sessionId())).isEmpty();
  }

  @Test
  void theJsonlOfASegmentHoldsOneLinePerCommittedEntry() throws IOException {
    SessionId session = newSession();
    SegmentId segment = store.listSegments(session).get(0);
    store.append(session, segment, LogEntryFixtures.body());

    String text;
    try (InputStream in = store.openJsonl(session, segment)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(text).endsWith("\n");
    assertThat(text.split("\n", -1)).hasSize((int) store.entryCount(session, segment) + 1);
    assertThat(text.lines()).allMatch(line -> line.startsWith("{") && line.contains("\"kind\""));
  }

  @Test
  void theJsonlOfAMissingSegmentIsNotFound() {
    SessionId session = newSession();
    SegmentId missing = ids.newSegmentId();

    assertThatThrownBy(() -> store.openJsonl(session, missing))
        .isInstanceOf(SegmentNotFoundException.class);
    assertThat(Optional.of(store.listSegments(session))).get().asList().hasSize(1);
  }
}
