package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * What {@link Conversation} does over any {@link SegmentStore}: keys, turn bookkeeping, the
 * visible window, forks and the state a restore gives back; run against each store by
 * subclassing.
 */
public abstract class ConversationContract {
  /** {@return a fresh, empty store} */
  protected abstract SegmentStore newStore();

  /** The store under test. */
  protected SegmentStore store;
  /** The options every conversation of a test opens with (a test clock and seeded ids). */
  protected ConversationOptions options;

  @BeforeEach
  protected void setUpStore() {
    store = newStore();
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    options =
        ConversationOptions.defaults()
            .withTime(clock, IdGenerator.create(clock, new SplittableRandom(21)))
            .withSystemPrompt("You are helpful.");
  }

  @AfterEach
  protected void closeStore() throws Exception {
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  private Conversation open(String key) {
    return Conversation.open(store, ConversationKey.of(key), options);
  }

  private RestoredState restored(Conversation conversation) {
    SegmentRef at = conversation.segment();
    return store.restore(at.sessionId(), at.segmentId());
  }

  @Test
  void aKeyIsCreatedOnFirstUseAndReopensTheSameConversation() {
    SegmentRef first;
    try (Conversation conversation = open("chat-1")) {
      first = conversation.segment();
      conversation.appendUserMessage("Hi");
      conversation.appendAssistantMessage("Hello!");
      conversation.endTurn();
    }

    try (Conversation again = open("chat-1")) {
      assertThat(again.segment()).isEqualTo(first);
      assertThat(again.key()).contains(ConversationKey.of("chat-1"));
      assertThat(again.history()).containsExactly(
          HistoryItem.Message.text(Role.USER, "Hi"),
          HistoryItem.Message.text(Role.ASSISTANT, "Hello!"));
      assertThat(again.state().systemPrompt()).contains("You are helpful.");
    }
    assertThat(store.listSessions()).containsExactly(first.sessionId());
  }

  @Test
  void theLibraryCountsTurnsSoAForkAtAnyTurnWorks() {
    try (Conversation conversation = open("counted")) {
      for (int turn = 1; turn <= 50; turn++) {
        conversation.appendUserMessage("question " + turn);
        conversation.appendAssistantMessage("answer " + turn);
        assertThat(conversation.endTurn()).isEqualTo(turn);
      }

      assertThat(conversation.turnCount()).isEqualTo(50);
      try (Conversation fork = conversation.fork(10)) {
        assertThat(fork.turnCount()).isEqualTo(10);
        assertThat(fork.history()).hasSize(20);
        assertThat(fork.lastAssistantMessage().orElseThrow().text()).isEqualTo("answer 10");
      }
      assertThat(restored(conversation)).isEqualTo(conversation.state());
    }
  }

  @Test
  void theLastAssistantMessageSkipsToolTraffic() {
    try (Conversation conversation = open("tools")) {
      assertThat(conversation.lastAssistantMessage()).isEmpty();
      conversation.appendUserMessage("weather?");
      conversation.appendAssistantMessage("Let me check.");
      conversation.append(new HistoryItem.ToolCall("c1", "weather", "{}"));
      conversation.append(HistoryItem.ToolResult.of("c1", "weather", "sunny"));

      assertThat(conversation.lastAssistantMessage().orElseThrow().text())
          .isEqualTo("Let me check.");
      HistoryItem.ToolResult result =
          (HistoryItem.ToolResult) restored(conversation).history().get(3);
      assertThat(result.toolName()).contains("weather");
    }
  }

  @Test
  void aSecondWriterOfOneConversationGetsTheLockError() {
    try (Conversation conversation = open("locked")) {
      assertThatThrownBy(() -> open("locked")).isInstanceOf(SegmentLockedException.class);
      conversation.appendUserMessage("still mine");
    }
  }

  @Test
  void twoCreatorsOfOneKeyEndWithOneSession() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Optional<SessionId>>> results = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try (Conversation conversation = open("raced")) {
            return Optional.of(conversation.segment().sessionId());
          } catch (SegmentLockedException e) {
            return Optional.<SessionId>empty();
          }
        }));
      }
      start.countDown();
      List<SessionId> seen = new ArrayList<>();
      for (Future<Optional<SessionId>> result : results) {
        result.get(30, TimeUnit.SECONDS).ifPresent(seen::add);
      }

      SessionId bound = store.lookupKey(ConversationKey.of("raced")).orElseThrow();
      assertThat(seen).isNotEmpty().containsOnly(bound);
      assertThat(store.listSessions()).containsExactly(bound);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void replaceVisibleAppendsWhatIsNewAndMovesTheWindowWithoutRewriting() {
    try (Conversation conversation = open("memory")) {
      HistoryItem u1 = HistoryItem.Message.text(Role.USER, "one");
      HistoryItem a1 = HistoryItem.Message.text(Role.ASSISTANT, "uno");
      HistoryItem u2 = HistoryItem.Message.text(Role.USER, "two");
      HistoryItem a2 = HistoryItem.Message.text(Role.ASSISTANT, "dos");
      conversation.replaceVisible(List.of(u1, a1));
      long entries = conversation.state().entryCount();

      conversation.replaceVisible(List.of(u1, a1));
      assertThat(conversation.state().entryCount()).isEqualTo(entries);

      conversation.replaceVisible(List.of(a1, u2, a2));

      assertThat(conversation.visibleMessages()).containsExactly(a1, u2, a2);
      assertThat(conversation.history()).containsExactly(u1, a1, u2, a2);
      RestoredState state = restored(conversation);
      assertThat(state.visibleHistory()).containsExactly(a1, u2, a2);
      assertThat(state.history()).containsExactly(u1, a1, u2, a2);
      assertThat(state).isEqualTo(conversation.state());

      conversation.replaceVisible(List.of(u1));
      assertThat(conversation.visibleMessages()).containsExactly(u1);
      assertThat(conversation.history()).containsExactly(u1, a1, u2, a2, u1);
    }
  }

  @Test
  void clearingTheWindowHidesEverythingUntilTheNextAppend() {
    try (Conversation conversation = open("cleared")) {
      conversation.appendUserMessage("old");
      conversation.endTurn();
      conversation.clearWindow();
      assertThat(conversation.visibleMessages()).isEmpty();

      conversation.appendUserMessage("new");

      assertThat(conversation.visibleMessages())
          .containsExactly(HistoryItem.Message.text(Role.USER, "new"));
      assertThat(restored(conversation).visibleHistory())
          .containsExactly(HistoryItem.Message.text(Role.USER, "new"));
      assertThat(restored(conversation).history()).hasSize(2);
      assertThatThrownBy(() -> conversation.moveWindow(3))
          .isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void aSystemPromptChangeNeedsNoNewSegment() {
    try (Conversation conversation = open("prompted")) {
      SegmentRef before = conversation.segment();
      conversation.changeSystemPrompt(Optional.of("Be brief."));
      conversation.changeSystemPrompt(Optional.of("Be brief."));

      assertThat(conversation.segment()).isEqualTo(before);
      assertThat(restored(conversation).systemPrompt()).contains("Be brief.");
      assertThat(restored(conversation).entryCount()).isEqualTo(2);
      conversation.changeSystemPrompt(Optional.empty());
      assertThat(restored(conversation).systemPrompt()).isEmpty();
    }
  }

  @Test
  void twoConsecutiveAssistantMessagesStayTwoAndKeepIdsAndAttributes() {
    HistoryItem.Message first =
        HistoryItem.Message.text(Role.ASSISTANT, "Part one.").withId(MessageId.of("msg_1"));
    HistoryItem.Message second =
        HistoryItem.Message.text(Role.ASSISTANT, "Part two.")
            .withId(MessageId.of("msg_2"))
            .withAttributes(Map.of("model", JsonText.of("\"m-1\"")));
    try (Conversation conversation = open("ids")) {
      conversation.append(first);
      conversation.append(second);

      assertThat(restored(conversation).history()).containsExactly(first, second);
    }
  }

  @Test
  void aMultimodalUserMessageReplaysWithItsPartsInOrder() {
    HistoryItem.Message message =
        new HistoryItem.Message(
            Role.USER,
            List.of(
                new ContentPart.Text("What is this?"),
                new ContentPart.Image(MediaSource.Inline.of("image/png", new byte[] {1, 2, 3})),
                new ContentPart.Audio(
                    new MediaSource.Uri("https://example.com/a.wav", Optional.of("audio/wav"))),
                new ContentPart.File(
                    new MediaSource.Uri("gs://bucket/r.pdf", Optional.empty()),
                    Optional.of("r.pdf"))),
            Optional.of(MessageId.of("u-1")),
            Map.of("channel", JsonText.of("\"web\"")));
    try (Conversation conversation = open("media")) {
      conversation.append(message);

      assertThat(restored(conversation).history()).containsExactly(message);
      assertThat(conversation.history()).containsExactly(message);
    }
  }

  @Test
  void aForkInheritsNoKeyButKeepsTheVisibleWindow() {
    try (Conversation conversation = open("forked")) {
      conversation.appendUserMessage("one");
      conversation.appendAssistantMessage("uno");
      conversation.endTurn();
      conversation.moveWindow(1);

      try (Conversation fork = conversation.forkAtLastTurn()) {
        assertThat(fork.key()).isEmpty();
        assertThat(fork.segment().sessionId()).isNotEqualTo(conversation.segment().sessionId());
        assertThat(fork.visibleMessages()).isEqualTo(conversation.visibleMessages());
        assertThat(fork.history()).isEqualTo(conversation.history());
      }
      assertThat(store.listKeys())
          .containsExactly(new KeyBinding(
              ConversationKey.of("forked"), conversation.segment().sessionId()));
    }
  }

  @Test
  void aForkAskedToTakeTheKeyOverGetsItAndTheKeyReopensTheFork() {
    ConversationKey key = ConversationKey.of("moved");
    try (Conversation conversation = open("moved")) {
      SessionId origin = conversation.segment().sessionId();
      conversation.appendUserMessage("one");
      conversation.appendAssistantMessage("uno");
      conversation.endTurn();
      conversation.appendUserMessage("two");
      conversation.appendAssistantMessage("dos");
      conversation.endTurn();

      SegmentRef forkSegment;
      try (Conversation fork = conversation.fork(1, KeyTakeover.MOVE_TO_FORK)) {
        forkSegment = fork.segment();
        assertThat(fork.key()).contains(key);
        assertThat(conversation.key()).isEmpty();
        assertThat(fork.history()).hasSize(2);
        fork.appendUserMessage("deux");
      }

      assertThat(store.listKeys())
          .containsExactly(new KeyBinding(key, forkSegment.sessionId()));
      assertThat(conversation.history()).hasSize(4);
      try (Conversation reopened = open("moved")) {
        assertThat(reopened.segment()).isEqualTo(forkSegment);
        assertThat(reopened.history()).last()
            .isEqualTo(HistoryItem.Message.text(Role.USER, "deux"));
      }
      // The origin is an ordinary session now: deleting it leaves the key on the fork.
      conversation.close();
      store.deleteSession(origin);
      assertThat(store.lookupKey(key)).contains(forkSegment.sessionId());
    }
  }

  @Test
  void aSecondTakeoverOfTheSameKeyFailsTypedAndLeavesNoFork() {
    try (Conversation conversation = open("taken")) {
      conversation.appendUserMessage("one");
      conversation.endTurn();
      SessionId origin = conversation.segment().sessionId();
      SessionId winner;
      try (Conversation first = conversation.forkAtLastTurn(KeyTakeover.MOVE_TO_FORK)) {
        winner = first.segment().sessionId();
      }
      List<SessionId> sessions = store.listSessions();

      assertThatThrownBy(() -> conversation.forkAtLastTurn(KeyTakeover.MOVE_TO_FORK))
          .isInstanceOfSatisfying(KeyBindingConflictException.class, e -> {
            assertThat(e.key()).isEqualTo(ConversationKey.of("taken"));
            assertThat(e.expected()).isEqualTo(origin);
            assertThat(e.actual()).contains(winner);
          });

      assertThat(store.listSessions()).containsExactlyInAnyOrderElementsOf(sessions);
      assertThat(store.lookupKey(ConversationKey.of("taken"))).contains(winner);
    }
  }

  @Test
  void aTakeoverRacingAnotherRebindOfTheKeyLosesTypedAndDeletesItsFork() throws Exception {
    try (Conversation conversation = open("raced-takeover")) {
      conversation.appendUserMessage("one");
      conversation.endTurn();
      SessionId origin = conversation.segment().sessionId();
      int racers = 4;
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        List<Future<Optional<Conversation>>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          results.add(pool.submit(() -> {
            start.await();
            try {
              return Optional.of(conversation.forkAtLastTurn(KeyTakeover.MOVE_TO_FORK));
            } catch (KeyBindingConflictException e) {
              return Optional.<Conversation>empty();
            }
          }));
        }
        start.countDown();
        List<Conversation> winners = new ArrayList<>();
        for (Future<Optional<Conversation>> result : results) {
          result.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
        }

        assertThat(winners).hasSize(1);
        SessionId winner = winners.get(0).segment().sessionId();
        winners.get(0).close();
        assertThat(store.lookupKey(ConversationKey.of("raced-takeover"))).contains(winner);
        assertThat(store.listSessions()).containsExactlyInAnyOrder(origin, winner);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aConversationWithoutAKeyCannotHandOneToItsFork() {
    try (Conversation conversation = open("keyed");
        Conversation unkeyed = conversation.forkAtLastTurn()) {
      assertThatThrownBy(() -> unkeyed.forkAtLastTurn(KeyTakeover.MOVE_TO_FORK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not opened by a key");
    }
  }

  @Test
  void aReopenedConversationContinuesAnOpenTurn() {
    try (Conversation conversation = open("open-turn")) {
      conversation.appendUserMessage("first half");
    }
    try (Conversation again = open("open-turn")) {
      again.appendAssistantMessage("second half");
      assertThat(again.endTurn()).isEqualTo(1);
      assertThat(again.state().lastRunInterrupted()).isFalse();
      assertThat(restored(again)).isEqualTo(again.state());
    }
  }
}
