package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 5: a v2 write lands on {@code /main} and {@code /full/current} both or in
 * neither where the ref database is transactional and cheap (in memory); on disk it lands
 * transcript first, so it either lands in both or leaves only an unlisted transcript, is
 * reported, and is completed by the same write again (or {@code reconcile()}); without
 * transactions a failure between the two ref moves is reported to the caller and, in a dual
 * write, repaired by {@code reconcile()}. The failure is injected by the store's own hook between
 * reading the tips and moving the refs, as an I/O error; races are forced by the same hook.
 */
class V2AtomicWriteTest {
  static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  static final CheckpointId B = CheckpointId.parse("0123456789ab");
  static final AgentSessionId S = AgentSessionId.of("session-001");

  @TempDir Path dir;

  private final RecordingLogger logger = new RecordingLogger();

  /** Throws an I/O failure the next {@code times} times the store is about to move {@code ref}. */
  private static RefCas.Hook failBefore(String ref, AtomicInteger times) {
    return (moving, expected) -> {
      if (moving.equals(ref) && times.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new CheckpointStorageException("ref " + ref + ": injected failure",
            new IOException("injected: disk went away"));
      }
    };
  }

  private JGitCheckpointStore.Builder store(Repository repository, CheckpointLayout layout) {
    return TestRepos.store(repository).layout(layout).redactor(Redactor.none()).logger(logger);
  }

  private void aFailedWriteMovesNeitherRef(Repository repository, String failingRef) {
    Transcript body = lines("{\"n\":1}");
    store(repository, CheckpointLayout.V2).build()
        .write(request(B, S).transcript(lines("{\"before\":1}")).build());
    ObjectId mainBefore = RefTrees.tipId(repository, RefNames.V2_MAIN);
    ObjectId fullBefore = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);
    JGitCheckpointStore failing = store(repository, CheckpointLayout.V2)
        .casHook(failBefore(failingRef, new AtomicInteger(1))).build();

    assertThatThrownBy(() -> failing.write(request(A, S).transcript(body).build()))
        .isInstanceOf(CheckpointStorageException.class).hasMessageContaining("injected");

    assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isEqualTo(mainBefore);
    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isEqualTo(fullBefore);
    assertThat(failing.list()).extracting(CheckpointListEntry::checkpointId).containsExactly(B);
    // The same write again lands in both.
    failing.write(request(A, S).transcript(body).build());
    assertThat(failing.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
    assertThat(failing.currentGeneration().orElseThrow().checkpoints()).contains(A, B);
  }

  @Test
  void inATransactionalRepositoryAFailureBeforeTheMovesLeavesBothRefs() {
    aFailedWriteMovesNeitherRef(TestRepos.inMemory(), RefNames.V2_MAIN);
  }

  @Test
  void onDiskAFailureBeforeTheMovesLeavesBothRefs() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      aFailedWriteMovesNeitherRef(repository, RefNames.V2_FULL_CURRENT);
    }
  }

  @Test
  void aWriteThatFindsTheGenerationFullArchivesItInItsOwnTransaction() {
    InMemoryRepository repository = TestRepos.inMemory();
    JGitCheckpointStore roomy = store(repository, CheckpointLayout.V2).build();
    CheckpointId c = CheckpointId.parse("c0ffee000001");
    CheckpointId d = CheckpointId.parse("d0ffee000002");
    for (CheckpointId id : java.util.List.of(A, B, c)) {
      roomy.write(request(id, S).transcript(lines("{\"id\":\"" + id + "\"}")).build());
    }
    // A writer with threshold 2 finds 3 checkpoints: adding its own would overfill further.
    JGitCheckpointStore strict = store(repository, CheckpointLayout.V2)
        .maxCheckpointsPerGeneration(2).build();

    strict.write(request(d, S).transcript(lines("{\"id\":\"d\"}")).build());

    assertThat(strict.archivedGenerations()).singleElement().satisfies(archive -> {
      assertThat(archive.number()).isEqualTo(1);
      assertThat(archive.metadata().checkpoints()).containsExactlyInAnyOrder(A, B, c);
    });
    assertThat(strict.currentGeneration().orElseThrow().checkpoints()).containsExactly(d);
    assertThat(V2Refs.checkpointsOn(repository, RefNames.V2_FULL_CURRENT)).containsExactly(d);
    assertThat(strict.list()).hasSize(4);
    assertThat(strict.readSession(d, 0).orElseThrow().transcript())
        .isEqualTo(lines("{\"id\":\"d\"}"));
  }

  @Test
  void withoutTransactionsAFullFailureIsReportedAndReconcileRepairsTheDualWrite() {
    InMemoryRepository repository = TestRepos.inMemory();
    repository.setPerformsAtomicTransactions(false);
    Transcript body = lines("{\"n\":1}");
    AtomicInteger failures = new AtomicInteger(1);
    JGitCheckpointStore dual = store(repository, CheckpointLayout.DUAL_WRITE)
        .casHook(failBefore(RefNames.V2_FULL_CURRENT, failures)).build();

    dual.write(request(A, S).transcript(body).build());

    assertThat(failures).hasValue(0);
    assertThat(logger.at(System.Logger.Level.WARNING)).anySatisfy(
        e -> assertThat(e.message()).contains("v2 write of checkpoint " + A));
    JGitCheckpointStore v2 = store(repository, CheckpointLayout.V2).build();
    // /main moved, /full/current did not: listed without its transcript, and reported as lag.
    assertThat(v2.readSession(A, 0).orElseThrow().transcript().isEmpty()).isTrue();
    assertThat(dual.v2Lag()).isEqualTo(new V2Lag(java.util.List.of(), java.util.List.of(A)));

    assertThat(dual.reconcile().differing()).containsExactly(A);

    assertThat(v2.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
    assertThat(dual.v2Lag().upToDate()).isTrue();
    ObjectId main = RefTrees.tipId(repository, RefNames.V2_MAIN);
    assertThat(dual.reconcile().upToDate()).isTrue();
    assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isEqualTo(main);
  }

  @Test
  void aV2OnlyWriteWithoutTransactionsReportsTheFailureAndARepeatedWriteCompletesIt() {
    InMemoryRepository repository = TestRepos.inMemory();
    repository.setPerformsAtomicTransactions(false);
    Transcript body = lines("{\"n\":1}");
    JGitCheckpointStore v2 = store(repository, CheckpointLayout.V2)
        .casHook(failBefore(RefNames.V2_FULL_CURRENT, new AtomicInteger(1))).build();

    assertThatThrownBy(() -> v2.write(request(A, S).transcript(body).build()))
        .isInstanceOf(CheckpointStorageException.class).hasMessageContaining("injected");
    v2.write(request(A, S).transcript(body).build());

    assertThat(v2.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
  }

  @Test
  void onDiskAFailureBeforeListingLeavesOnlyAnUnlistedTranscriptThatTheSameWriteThenLists() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      Transcript body = lines("{\"n\":1}");
      store(repository, CheckpointLayout.V2).build()
          .write(request(B, S).transcript(lines("{\"before\":1}")).build());
      ObjectId mainBefore = RefTrees.tipId(repository, RefNames.V2_MAIN);
      JGitCheckpointStore failing = store(repository, CheckpointLayout.V2)
          .casHook(failBefore(RefNames.V2_MAIN, new AtomicInteger(1))).build();

      assertThatThrownBy(() -> failing.write(request(A, S).transcript(body).build()))
          .isInstanceOf(CheckpointStorageException.class).hasMessageContaining("injected");

      // The transcript landed, unlisted: no reader reaches it; it counts in its generation.
      assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isEqualTo(mainBefore);
      assertThat(failing.list()).extracting(CheckpointListEntry::checkpointId).containsExactly(B);
      assertThat(failing.readSession(A, 0)).isEmpty();
      assertThat(failing.currentGeneration().orElseThrow().checkpoints()).contains(A, B);
      ObjectId fullAfterFailure = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);

      failing.write(request(A, S).transcript(body).build());

      // The repeated write finds its transcript in place and only lists it.
      assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT))
          .isEqualTo(fullAfterFailure);
      assertThat(failing.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
      assertThat(commitsFor(repository, RefNames.V2_FULL_CURRENT, A)).isEqualTo(1);
    }
  }

  @Test
  void onDiskADualWriteThatFailsBeforeListingIsReportedAsLagAndReconciled() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      Transcript body = lines("{\"n\":1}");
      JGitCheckpointStore dual = store(repository, CheckpointLayout.DUAL_WRITE)
          .casHook(failBefore(RefNames.V2_MAIN, new AtomicInteger(1))).build();

      dual.write(request(A, S).transcript(body).build());

      assertThat(logger.at(System.Logger.Level.WARNING)).anySatisfy(
          e -> assertThat(e.message()).contains("v2 write of checkpoint " + A));
      assertThat(dual.v2Lag()).isEqualTo(new V2Lag(java.util.List.of(A), java.util.List.of()));
      ObjectId full = RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT);

      assertThat(dual.reconcile().missing()).containsExactly(A);

      assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isEqualTo(full);
      JGitCheckpointStore v2 = store(repository, CheckpointLayout.V2).build();
      assertThat(v2.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
      assertThat(dual.v2Lag().upToDate()).isTrue();
    }
  }

  @Test
  void onDiskALostListingRaceRetriesOnlyTheListingAndKeepsTheTranscriptWhereItLanded() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      CheckpointId c = CheckpointId.parse("c0ffee000001");
      JGitCheckpointStore other = store(repository, CheckpointLayout.V2).build();
      AtomicInteger races = new AtomicInteger(1);
      JGitCheckpointStore racing = store(repository, CheckpointLayout.V2).casHook((ref, old) -> {
        if (ref.equals(RefNames.V2_MAIN) && races.getAndSet(0) == 1) {
          other.write(request(c, S).transcript(lines("{\"c\":1}")).build());
        }
      }).build();

      racing.write(request(A, S).transcript(lines("{\"a\":1}")).build());

      assertThat(races).hasValue(0);
      assertThat(racing.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(A, c);
      assertThat(commitsFor(repository, RefNames.V2_FULL_CURRENT, A)).isEqualTo(1);
      assertThat(racing.readSession(A, 0).orElseThrow().transcript())
          .isEqualTo(lines("{\"a\":1}"));
    }
  }

  @Test
  void onDiskARotationBetweenTheTwoMovesLeavesTheTranscriptInTheArchiveReadersSearch() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      CheckpointId c = CheckpointId.parse("c0ffee000001");
      // Threshold 1: the racing write finds the generation holding A full and archives it.
      JGitCheckpointStore other = store(repository, CheckpointLayout.V2)
          .maxCheckpointsPerGeneration(1).build();
      AtomicInteger races = new AtomicInteger(1);
      JGitCheckpointStore racing = store(repository, CheckpointLayout.V2)
          .maxCheckpointsPerGeneration(1).casHook((ref, old) -> {
            if (ref.equals(RefNames.V2_MAIN) && races.getAndSet(0) == 1) {
              other.write(request(c, S).transcript(lines("{\"c\":1}")).build());
            }
          }).build();

      racing.write(request(A, S).transcript(lines("{\"a\":1}")).build());

      assertThat(racing.archivedGenerations()).isNotEmpty();
      assertThat(racing.archivedGenerations().get(0).metadata().checkpoints()).containsExactly(A);
      assertThat(racing.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(A, c);
      assertThat(racing.readSession(A, 0).orElseThrow().transcript())
          .isEqualTo(lines("{\"a\":1}"));
      assertThat(racing.readSession(c, 0).orElseThrow().transcript())
          .isEqualTo(lines("{\"c\":1}"));
      assertThat(commitsFor(repository, RefNames.v2Archive(1), A)).isEqualTo(1);
    }
  }

  @Test
  void onDiskTwoSessionsOfOneNewCheckpointRacingTakeTwoSlotsEachWithItsOwnTranscript() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      AgentSessionId t = AgentSessionId.of("session-002");
      JGitCheckpointStore other = store(repository, CheckpointLayout.V2).build();
      AtomicInteger races = new AtomicInteger(1);
      JGitCheckpointStore racing = store(repository, CheckpointLayout.V2).casHook((ref, old) -> {
        // Session S has put its transcript into slot 0 of /full/current and is about to list
        // A; session T of the same checkpoint writes first.
        if (ref.equals(RefNames.V2_MAIN) && races.getAndSet(0) == 1) {
          other.write(request(A, t).transcript(lines("{\"t\":1}")).build());
        }
      }).build();

      racing.write(request(A, S).transcript(lines("{\"s\":1}")).build());

      assertThat(races).hasValue(0);
      assertThat(racing.readSession(A, S).orElseThrow().transcript())
          .isEqualTo(lines("{\"s\":1}"));
      assertThat(racing.readSession(A, t).orElseThrow().transcript())
          .isEqualTo(lines("{\"t\":1}"));
      assertThat(racing.readSummary(A).orElseThrow().sessions()).hasSize(2);
    }
  }

  @Test
  void onDiskAWriteWhoseSameSessionWasListedMeanwhileUnchangedHasLandedWithoutABatch()
      throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      Transcript body = lines("{\"a\":1}");
      JGitCheckpointStore other = store(repository, CheckpointLayout.V2).build();
      AtomicInteger races = new AtomicInteger(1);
      JGitCheckpointStore racing = store(repository, CheckpointLayout.V2).casHook((ref, old) -> {
        // As a dual write's catch-up would: the same session, the same content, listed first.
        if (ref.equals(RefNames.V2_MAIN) && races.getAndSet(0) == 1) {
          other.write(request(A, S).transcript(body).build());
        }
      }).build();

      racing.write(request(A, S).transcript(body).build());

      assertThat(races).hasValue(0);
      assertThat(commitsFor(repository, RefNames.V2_MAIN, A)).isEqualTo(1);
      assertThat(commitsFor(repository, RefNames.V2_FULL_CURRENT, A)).isEqualTo(1);
      java.nio.file.Path packed = dir.resolve(".git/packed-refs");
      assertThat(!java.nio.file.Files.exists(packed)
          || !java.nio.file.Files.readString(packed).contains(RefNames.V2_MAIN)).isTrue();
      assertThat(racing.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
    }
  }

  /** The commits in the ref's history that write checkpoint {@code id}. */
  private static int commitsFor(Repository repository, String ref, CheckpointId id) {
    try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(
        repository)) {
      walk.markStart(walk.parseCommit(RefTrees.tipId(repository, ref)));
      int count = 0;
      for (org.eclipse.jgit.revwalk.RevCommit commit : walk) {
        if (commit.getFullMessage().equals(V2Messages.checkpoint(id))) {
          count++;
        }
      }
      return count;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
