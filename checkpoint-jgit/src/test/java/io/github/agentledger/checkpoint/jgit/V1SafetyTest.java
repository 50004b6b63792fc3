package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.InvalidCheckpointIdException;
import io.github.agentledger.checkpoint.SessionSlotConflictException;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

/** Bad input and lost races: typed errors, and nothing stored changes (or is lost). */
class V1SafetyTest {
  private static final String REF = RefNames.V1_BRANCH;
  private static final CheckpointId ID = CheckpointId.parse("a3b2c4d5e6f7");
  private static final CheckpointId OTHER = CheckpointId.parse("0123456789ab");
  private static final AgentSessionId SESSION_A = AgentSessionId.of("session-001");
  private static final AgentSessionId SESSION_B = AgentSessionId.of("session-002");

  private final Repository repository = TestRepos.inMemory();
  private final JGitCheckpointStore store = TestRepos.store(repository).build();

  @Test
  void aForeignSessionIsNeverWrittenOverSlotZero() {
    store.write(WriteRequest.builder(ID, SESSION_A).prompts(List.of("mine")).build());
    // A damaged summary makes the writer fall back to slot 0, which SESSION_A owns.
    V1Fixtures.replaceFile(repository, REF, "a3/b2c4d5e6f7/metadata.json", "{not json");
    ObjectId tip = RefTrees.tipId(repository, REF);
    Map<String, String> before = RefTrees.files(repository, REF);

    assertThatThrownBy(() -> store.write(WriteRequest.builder(ID, SESSION_B).build()))
        .isInstanceOfSatisfying(SessionSlotConflictException.class, e -> {
          assertThat(e.checkpointId()).isEqualTo(ID);
          assertThat(e.existingSession()).isEqualTo(SESSION_A);
          assertThat(e.incomingSession()).isEqualTo(SESSION_B);
        })
        .hasMessageContaining("slot 0").hasMessageContaining("session-001")
        .hasMessageContaining("git ls-tree " + REF + " a3/b2c4d5e6f7/");

    assertThat(RefTrees.tipId(repository, REF)).isEqualTo(tip);
    assertThat(RefTrees.files(repository, REF)).isEqualTo(before);
  }

  @Test
  void invalidIdsNeverReachTheStore() {
    assertThatThrownBy(() -> store.write(
        WriteRequest.builder(CheckpointId.parse("../../etc/pw"), SESSION_A).build()))
        .isInstanceOf(InvalidCheckpointIdException.class);
    assertThat(RefTrees.tipId(repository, REF)).isNull();
  }

  @Test
  void aDamagedSummaryIsReportedWithItsPathAndStillListed() {
    store.write(WriteRequest.builder(ID, SESSION_A).build());
    store.write(WriteRequest.builder(OTHER, SESSION_A).build());
    V1Fixtures.replaceFile(repository, REF, "a3/b2c4d5e6f7/metadata.json", "[1,2]");

    assertThatThrownBy(() -> store.readSummary(ID))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining(REF + ":a3/b2c4d5e6f7/metadata.json");
    assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(ID, OTHER);
    CheckpointListEntry damaged = store.list().stream()
        .filter(e -> e.checkpointId().equals(ID)).findFirst().orElseThrow();
    assertThat(damaged.sessionCount()).isZero();
    assertThat(damaged.createdAt()).isEmpty();
  }

  @Test
  void lenientJsonIsCorruption() {
    store.write(WriteRequest.builder(ID, SESSION_A).build());
    V1Fixtures.replaceFile(repository, REF, "a3/b2c4d5e6f7/0/metadata.json",
        "{checkpoint_id: 'a3b2c4d5e6f7'}");

    assertThatThrownBy(() -> store.readSession(ID, 0))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("a3/b2c4d5e6f7/0/metadata.json");
  }

  @Test
  void aWriterThatLosesTheRaceRetriesAndBothSessionsSurvive() {
    JGitCheckpointStore other = TestRepos.store(repository).build();
    AtomicInteger casAttempts = new AtomicInteger();
    JGitCheckpointStore racing = TestRepos.store(repository).casHook((ref, expected) -> {
      if (casAttempts.getAndIncrement() == 0) {
        // Between our read of the tip and our compare-and-swap, another writer commits.
        other.write(WriteRequest.builder(ID, SESSION_B).prompts(List.of("from B")).build());
        other.write(WriteRequest.builder(OTHER, SESSION_B).build());
      }
    }).build();

    int slot = racing.write(WriteRequest.builder(ID, SESSION_A).prompts(List.of("from A"))
        .transcript(Transcript.ofUtf8("{}\n")).build());

    assertThat(casAttempts).hasValue(2);
    assertThat(slot).isEqualTo(1);
    assertThat(store.readSession(ID, SESSION_A).orElseThrow().prompts())
        .containsExactly("from A");
    assertThat(store.readSession(ID, SESSION_B).orElseThrow().prompts())
        .containsExactly("from B");
    assertThat(store.readSummary(ID).orElseThrow().sessions()).hasSize(2);
    assertThat(store.readSummary(OTHER)).isPresent();
  }

  @Test
  void aRaceOnTheFirstWriteKeepsBothOrphanCandidatesOut() {
    JGitCheckpointStore other = TestRepos.store(repository).build();
    AtomicInteger casAttempts = new AtomicInteger();
    JGitCheckpointStore racing = TestRepos.store(repository).casHook((ref, expected) -> {
      if (casAttempts.getAndIncrement() == 0) {
        assertThat(expected).isEmpty();
        other.write(WriteRequest.builder(OTHER, SESSION_B).build());
      }
    }).build();

    racing.write(WriteRequest.builder(ID, SESSION_A).build());

    assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
        .containsExactlyInAnyOrder(ID, OTHER);
    assertThat(firstParentChainLength()).isEqualTo(3);
  }

  @Test
  void retriesPauseAsThePolicySaysThroughTheSleeper() {
    JGitCheckpointStore other = TestRepos.store(repository).build();
    List<Duration> pauses = new ArrayList<>();
    AtomicInteger casAttempts = new AtomicInteger();
    JGitCheckpointStore racing = TestRepos.store(repository)
        .retryPolicy(RetryPolicy.jitteredBackoff(5, Duration.ofMillis(8), Duration.ofMillis(8),
            new SplittableRandom(1)))
        .sleeper(pauses::add)
        .casHook((ref, expected) -> {
          if (casAttempts.getAndIncrement() < 2) {
            other.write(WriteRequest.builder(CheckpointId.parse(
                String.format("%012x", casAttempts.get())), SESSION_B).build());
          }
        }).build();

    racing.write(WriteRequest.builder(ID, SESSION_A).build());

    assertThat(casAttempts).hasValue(3);
    assertThat(pauses).hasSize(2).allSatisfy(
        p -> assertThat(p).isBetween(Duration.ZERO, Duration.ofMillis(8)));
    assertThat(store.list()).hasSize(3);
  }

  @Test
  void whenRetriesRunOutTheCallFailsAndTheWinnersDataStays() {
    JGitCheckpointStore other = TestRepos.store(repository).build();
    AtomicInteger casAttempts = new AtomicInteger();
    JGitCheckpointStore loser = TestRepos.store(repository).retryPolicy(RetryPolicy.immediate(3))
        .casHook((ref, expected) -> other.write(WriteRequest.builder(OTHER,
            AgentSessionId.of("winner-" + casAttempts.incrementAndGet())).build()))
        .build();

    assertThatThrownBy(() -> loser.write(WriteRequest.builder(ID, SESSION_A).build()))
        .isInstanceOfSatisfying(ConcurrentCheckpointUpdateException.class, e -> {
          assertThat(e.ref()).isEqualTo(REF);
          assertThat(e.attempts()).isEqualTo(3);
        })
        .hasMessageContaining(REF).hasMessageContaining("3 attempts");

    assertThat(store.readSummary(ID)).isEmpty();
    assertThat(store.readSummary(OTHER).orElseThrow().sessions()).hasSize(3);
  }

  @Test
  void linkedCheckpointsOfAnObjectThatIsNotACommitFail() throws Exception {
    ObjectId blob;
    try (var inserter = repository.newObjectInserter()) {
      blob = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, new byte[] {'x'});
      inserter.flush();
    }
    var notACommit = io.github.agentledger.checkpoint.CommitId.parse(blob.name());

    assertThatThrownBy(() -> store.linkedCheckpoints(notACommit))
        .isInstanceOf(io.github.agentledger.checkpoint.CommitNotFoundException.class)
        .hasMessageContaining(blob.name());
  }

  private int firstParentChainLength() {
    int length = 0;
    try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(RefTrees.tipId(repository, REF)));
      for (var ignored : walk) {
        length++;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return length;
  }
}
