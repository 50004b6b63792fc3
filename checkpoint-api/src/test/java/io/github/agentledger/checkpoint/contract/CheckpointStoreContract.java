package io.github.agentledger.checkpoint.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.CodeLearning;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.CommitNotFoundException;
import io.github.agentledger.checkpoint.Learnings;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionNotInCheckpointException;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.WriteRequestBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CheckpointStore} must show. Implementations extend this class and
 * supply a fresh, empty store per test (and a way to make a code commit for trailer lookups).
 */
public abstract class CheckpointStoreContract {
  protected static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");
  protected static final CheckpointId OTHER_ID = CheckpointId.parse("0123456789ab");
  protected static final AgentSessionId SESSION_A = AgentSessionId.of("session-001");
  protected static final AgentSessionId SESSION_B = AgentSessionId.of("session-002");
  protected static final AgentSessionId SESSION_C = AgentSessionId.of("session-003");
  protected static final Author AUTHOR = Author.of("Ada Lovelace", "ada@example.com");

  protected CheckpointStore store;

  /** {@return a new store over fresh, empty storage} */
  protected abstract CheckpointStore newStore();

  /**
   * Creates a code commit (outside the checkpoint refs) with the given message.
   *
   * @param message the full commit message
   * @return the commit
   */
  protected abstract CommitId commitCode(String message);

  /**
   * Whether the summary's {@code sessions[i]} entries name the raw transcript and its hash (v1
   * does; v2 {@code /main} holds no raw transcript, so its summary names neither, spec §6.2).
   *
   * @return true when a session with a transcript has transcript paths in the summary
   */
  protected boolean summaryNamesRawTranscript() {
    return true;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  protected static Transcript transcript(String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    return Transcript.ofUtf8(text.toString());
  }

  protected static WriteRequestBuilder request(CheckpointId id, AgentSessionId session) {
    return WriteRequest.builder(id, session).author(AUTHOR).agent("Claude Code")
        .model("claude-sonnet-4").branch("main");
  }

  @Test
  void aFreshStoreHasNothing() {
    assertThat(store.readSummary(ID)).isEmpty();
    assertThat(store.readSession(ID, 0)).isEmpty();
    assertThat(store.readSession(ID, SESSION_A)).isEmpty();
    assertThat(store.readLatestSession(ID)).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.checkpointAuthor(ID)).isEmpty();
  }

  @Test
  void writtenSessionReadsBackWithTranscriptPromptsAndMetadata() {
    Transcript body = transcript("{\"type\":\"user\",\"text\":\"hi\"}", "{\"type\":\"assistant\"}");
    int slot = store.write(request(ID, SESSION_A).transcript(body)
        .prompts(List.of("first prompt", "second\nprompt")).filesTouched(List.of("src/a.go"))
        .checkpointsCount(3).tokenUsage(TokenUsage.of(10, 2, 3, 4, 1)).build());

    assertThat(slot).isZero();
    SessionContent content = store.readSession(ID, 0).orElseThrow();
    assertThat(content.transcript()).isEqualTo(body);
    assertThat(content.prompts()).containsExactly("first prompt", "second\nprompt");
    assertThat(content.metadata().sessionId()).isEqualTo(SESSION_A);
    assertThat(content.metadata().checkpointId()).isEqualTo(ID);
    assertThat(content.metadata().agent()).isEqualTo("Claude Code");
    assertThat(content.metadata().model()).isEqualTo("claude-sonnet-4");
    assertThat(content.metadata().checkpointsCount()).isEqualTo(3);
    assertThat(content.metadata().filesTouched()).containsExactly("src/a.go");
    assertThat(content.metadata().tokenUsage()).contains(TokenUsage.of(10, 2, 3, 4, 1));
    CheckpointSummary summary = store.readSummary(ID).orElseThrow();
    assertThat(summary.checkpointId()).isEqualTo(ID);
    assertThat(summary.strategy()).isEqualTo("manual-commit");
    assertThat(summary.branch()).isEqualTo("main");
    assertThat(summary.sessions()).hasSize(1);
  }

  @Test
  void differentSessionsGetSuccessiveSlotsAndTheSummaryAggregatesThem() {
    store.write(request(ID, SESSION_A).checkpointsCount(3)
        .filesTouched(List.of("b.go", "a.go")).tokenUsage(TokenUsage.of(100, 1, 2, 50, 3))
        .build());
    int second = store.write(request(ID, SESSION_B).checkpointsCount(2)
        .filesTouched(List.of("c.go", "a.go")).tokenUsage(TokenUsage.of(20, 0, 0, 5, 1)).build());
    int third = store.write(request(ID, SESSION_C).build());

    assertThat(second).isEqualTo(1);
    assertThat(third).isEqualTo(2);
    CheckpointSummary summary = store.readSummary(ID).orElseThrow();
    assertThat(summary.sessions()).hasSize(3);
    assertThat(summary.checkpointsCount()).isEqualTo(5);
    assertThat(summary.filesTouched()).containsExactly("a.go", "b.go", "c.go");
    assertThat(summary.tokenUsage()).contains(TokenUsage.of(120, 1, 2, 55, 4));
    assertThat(store.readSession(ID, 1).orElseThrow().metadata().sessionId())
        .isEqualTo(SESSION_B);
  }

  @Test
  void theSameSessionReusesItsSlotAndLeavesNoStaleFiles() {
    store.write(request(ID, SESSION_A).prompts(List.of("old prompt"))
        .transcript(transcript("{\"n\":1}")).checkpointsCount(1).build());
    store.write(request(ID, SESSION_B).prompts(List.of("b prompt")).build());

    int slot = store.write(request(ID, SESSION_A).checkpointsCount(4).build());

    assertThat(slot).isZero();
    SessionContent rewritten = store.readSession(ID, 0).orElseThrow();
    assertThat(rewritten.prompts()).isEmpty();
    assertThat(rewritten.transcript().isEmpty()).isTrue();
    assertThat(rewritten.metadata().checkpointsCount()).isEqualTo(4);
    assertThat(store.readSession(ID, 1).orElseThrow().prompts()).containsExactly("b prompt");
    CheckpointSummary summary = store.readSummary(ID).orElseThrow();
    assertThat(summary.sessions()).hasSize(2);
    assertThat(summary.sessions().get(0).prompt()).isEmpty();
    assertThat(summary.sessions().get(0).transcript()).isEmpty();
    assertThat(store.readSession(ID, 2)).isEmpty();
  }

  @Test
  void sessionsAreFoundBySessionIdAndTheLatestIsTheHighestSlot() {
    store.write(request(ID, SESSION_A).prompts(List.of("a")).build());
    store.write(request(ID, SESSION_B).prompts(List.of("b")).build());

    assertThat(store.readSession(ID, SESSION_B).orElseThrow().sessionIndex()).isEqualTo(1);
    assertThat(store.readSession(ID, SESSION_A).orElseThrow().prompts()).containsExactly("a");
    assertThat(store.readSession(ID, SESSION_C)).isEmpty();
    assertThat(store.readLatestSession(ID).orElseThrow().metadata().sessionId())
        .isEqualTo(SESSION_B);
    assertThat(store.readSession(ID, 7)).isEmpty();
    assertThat(store.readSession(OTHER_ID, 0)).isEmpty();
  }

  @Test
  void updateReplacesTranscriptAndPromptsButNotMetadataOrSummary() {
    store.write(request(ID, SESSION_A).transcript(transcript("{\"n\":1}"))
        .prompts(List.of("p1")).checkpointsCount(2).build());
    SessionMetadata before = store.readSession(ID, 0).orElseThrow().metadata();
    CheckpointSummary summaryBefore = store.readSummary(ID).orElseThrow();
    Transcript full = transcript("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

    store.update(new UpdateRequest(ID, SESSION_A, full, List.of("p1", "p2")));

    SessionContent after = store.readSession(ID, 0).orElseThrow();
    assertThat(after.transcript()).isEqualTo(full);
    assertThat(after.prompts()).containsExactly("p1", "p2");
    assertThat(after.metadata()).isEqualTo(before);
    assertThat(store.readSummary(ID)).contains(summaryBefore);
  }

  @Test
  void updateWithEmptyPartsKeepsWhatIsStored() {
    Transcript body = transcript("{\"n\":1}");
    store.write(request(ID, SESSION_A).transcript(body).prompts(List.of("p1")).build());

    store.update(new UpdateRequest(ID, SESSION_A, Transcript.empty(), List.of()));

    SessionContent after = store.readSession(ID, 0).orElseThrow();
    assertThat(after.transcript()).isEqualTo(body);
    assertThat(after.prompts()).containsExactly("p1");
  }

  @Test
  void updateOfASessionThatOwnsNoSlotIsATypedErrorAndChangesNothing() {
    store.write(request(ID, SESSION_A).prompts(List.of("a")).build());
    store.write(request(ID, SESSION_B).prompts(List.of("b")).build());
    SessionContent latestBefore = store.readSession(ID, 1).orElseThrow();

    assertThatThrownBy(() -> store.update(
        new UpdateRequest(ID, SESSION_C, transcript("{\"x\":1}"), List.of("c"))))
        .isInstanceOf(SessionNotInCheckpointException.class)
        .hasMessageContaining(ID.value()).hasMessageContaining(SESSION_C.value());

    assertThat(store.readSession(ID, 1)).contains(latestBefore);
    assertThat(store.readSession(ID, 0).orElseThrow().prompts()).containsExactly("a");
  }

  @Test
  void updateOnlyChangesTheTargetCheckpoint() {
    store.write(request(ID, SESSION_A).transcript(transcript("{\"id\":1}")).build());
    store.write(request(OTHER_ID, SESSION_A).transcript(transcript("{\"other\":1}")).build());
    SessionContent otherBefore = store.readSession(OTHER_ID, 0).orElseThrow();

    store.update(new UpdateRequest(ID, SESSION_A, transcript("{\"id\":2}"), List.of()));

    assertThat(store.readSession(OTHER_ID, 0)).contains(otherBefore);
    assertThat(store.readSession(ID, 0).orElseThrow().transcript())
        .isEqualTo(transcript("{\"id\":2}"));
  }

  @Test
  void updateOfAMissingCheckpointFailsAndChangesNothing() {
    store.write(request(OTHER_ID, SESSION_A).prompts(List.of("keep")).build());
    List<CheckpointListEntry> before = store.list();

    assertThatThrownBy(() -> store.update(
        new UpdateRequest(ID, SESSION_A, transcript("{}"), List.of("x"))))
        .isInstanceOf(CheckpointNotFoundException.class)
        .hasMessageContaining(ID.value());

    assertThat(store.list()).isEqualTo(before);
    assertThat(store.readSummary(ID)).isEmpty();
    assertThat(store.readSession(OTHER_ID, 0).orElseThrow().prompts()).containsExactly("keep");
  }

  @Test
  void updateOnAnEmptyStoreFailsWithNotFound() {
    assertThatThrownBy(() -> store.update(
        new UpdateRequest(ID, SESSION_A, transcript("{}"), List.of("x"))))
        .isInstanceOf(CheckpointNotFoundException.class);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void sessionSummaryIsSetOnTheLatestSessionOnly() {
    store.write(request(ID, SESSION_A).build());
    store.write(request(ID, SESSION_B).build());
    SessionSummary summary = new SessionSummary("add login", "login works",
        new Learnings(List.of("repo uses gradle"),
            List.of(new CodeLearning("src/Login.java", 10, 20, "validates input")),
            List.of("run tests first")),
        List.of("slow build"), List.of("add logout"));

    store.updateSessionSummary(ID, summary);

    assertThat(store.readSession(ID, 1).orElseThrow().metadata().summary()).contains(summary);
    assertThat(store.readSession(ID, 0).orElseThrow().metadata().summary()).isEmpty();
  }

  @Test
  void sessionSummaryOfAMissingCheckpointFails() {
    SessionSummary summary = new SessionSummary("i", "o", Learnings.none(), List.of(), List.of());
    assertThatThrownBy(() -> store.updateSessionSummary(ID, summary))
        .isInstanceOf(CheckpointNotFoundException.class);
    assertThat(store.list()).isEmpty();
  }

  @Test
  void listShowsEveryCheckpointNewestFirst() {
    CheckpointId third = CheckpointId.parse("ffffffffffff");
    store.write(request(ID, SESSION_A).createdAt(Instant.parse("2026-01-02T00:00:00Z"))
        .checkpointsCount(2).filesTouched(List.of("x")).build());
    store.write(request(OTHER_ID, SESSION_B).createdAt(Instant.parse("2026-03-01T00:00:00Z"))
        .build());
    store.write(request(third, SESSION_A).createdAt(Instant.parse("2025-12-31T23:59:59Z"))
        .build());
    store.write(request(ID, SESSION_C).createdAt(Instant.parse("2026-01-05T00:00:00Z"))
        .agent("Codex").build());

    List<CheckpointListEntry> entries = store.list();

    assertThat(entries).extracting(CheckpointListEntry::checkpointId)
        .containsExactly(OTHER_ID, ID, third);
    CheckpointListEntry entry = entries.get(1);
    assertThat(entry.sessionCount()).isEqualTo(2);
    assertThat(entry.checkpointsCount()).isEqualTo(2);
    assertThat(entry.filesTouched()).containsExactly("x");
    assertThat(entry.agent()).isEqualTo("Codex");
    assertThat(entry.latestSessionId()).contains(SESSION_C);
    assertThat(entry.createdAt()).contains(Instant.parse("2026-01-05T00:00:00Z"));
  }

  @Test
  void reviewMarkIsSticky() {
    store.write(request(ID, SESSION_A).review(WriteRequest.AGENT_REVIEW, List.of("security"),
        "review this").build());
    store.write(request(ID, SESSION_B).build());

    assertThat(store.readSummary(ID).orElseThrow().hasReview()).isTrue();
    assertThat(store.readSession(ID, 0).orElseThrow().metadata().reviewSkills())
        .containsExactly("security");
  }

  @Test
  void aSessionWithoutTranscriptHasNoTranscriptPaths() {
    store.write(request(ID, SESSION_A).build());
    store.write(request(ID, SESSION_B).transcript(transcript("{}")).build());

    CheckpointSummary summary = store.readSummary(ID).orElseThrow();
    assertThat(summary.sessions().get(0).transcript()).isEmpty();
    assertThat(summary.sessions().get(0).contentHash()).isEmpty();
    assertThat(summary.sessions().get(0).metadata()).isNotEmpty();
    if (summaryNamesRawTranscript()) {
      assertThat(summary.sessions().get(1).transcript()).isNotEmpty();
      assertThat(summary.sessions().get(1).contentHash()).isNotEmpty();
    } else {
      assertThat(summary.sessions().get(1).transcript()).isEmpty();
      assertThat(summary.sessions().get(1).contentHash()).isEmpty();
    }
    assertThat(store.readSession(ID, 1).orElseThrow().transcript()).isEqualTo(transcript("{}"));
    assertThat(store.readSession(ID, 0).orElseThrow().transcript().isEmpty()).isTrue();
  }

  @Test
  void checkpointAuthorIsTheWritersIdentity() {
    store.write(request(ID, SESSION_A).build());
    store.write(request(OTHER_ID, SESSION_A).author(Author.of("Bob", "bob@example.com")).build());

    assertThat(store.checkpointAuthor(ID)).contains(AUTHOR);
    assertThat(store.checkpointAuthor(OTHER_ID)).contains(Author.of("Bob", "bob@example.com"));
    assertThat(store.checkpointAuthor(CheckpointId.parse("cccccccccccc"))).isEmpty();
  }

  @Test
  void linkedCheckpointsAreEveryTrailerOfTheCommitDeduplicatedInOrder() {
    String message = CheckpointTrailer.append(
        CheckpointTrailer.append(CheckpointTrailer.append("squash", OTHER_ID), ID), OTHER_ID);
    CommitId commit = commitCode(message);
    CommitId plain = commitCode("no trailer here\n");

    assertThat(store.linkedCheckpoints(commit)).containsExactly(OTHER_ID, ID);
    assertThat(store.linkedCheckpoints(plain)).isEmpty();
  }

  @Test
  void linkedCheckpointsOfAMissingCommitFail() {
    CommitId missing = CommitId.parse("1234567890123456789012345678901234567890");
    assertThatThrownBy(() -> store.linkedCheckpoints(missing))
        .isInstanceOf(CommitNotFoundException.class)
        .hasMessageContaining(missing.value());
  }

  @Test
  void newCheckpointIdsAreValidAndDistinct() {
    Set<CheckpointId> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ids.add(store.newCheckpointId());
    }
    assertThat(ids).hasSize(100);
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    int threads = 4;
    int perThread = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<CheckpointId>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        AgentSessionId session = AgentSessionId.of("thread-" + t);
        futures.add(pool.submit(() -> {
          start.await();
          List<CheckpointId> written = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            CheckpointId id = store.newCheckpointId();
            store.write(request(id, session).build());
            store.write(request(ID, AgentSessionId.of(session.value() + "-" + i)).build());
            written.add(id);
          }
          return written;
        }));
      }
      start.countDown();
      List<CheckpointId> all = new ArrayList<>();
      for (Future<List<CheckpointId>> future : futures) {
        all.addAll(future.get(2, TimeUnit.MINUTES));
      }
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
          .containsAll(all).hasSize(all.size() + 1);
      assertThat(store.readSummary(ID).orElseThrow().sessions()).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
