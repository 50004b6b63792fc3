package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dual-write and v2-only: v1 stays the truth, v2 failures never reach the caller. */
class DualWriteTest {
  static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  static final CheckpointId B = CheckpointId.parse("0123456789ab");
  static final AgentSessionId S = AgentSessionId.of("session-001");

  @TempDir Path dir;

  private final RecordingLogger logger = new RecordingLogger();

  private JGitCheckpointStore store(Repository repository, CheckpointLayout layout) {
    return TestRepos.store(repository).layout(layout).redactor(Redactor.none()).logger(logger)
        .retryPolicy(RetryPolicy.immediate(3)).build();
  }

  @Test
  void aV2WriteBlockedByAHeldRefLockIsLoggedAndTheV1WriteSucceeds() throws IOException {
    try (Repository repository = TestRepos.onDisk(dir)) {
      Path lock = dir.resolve(".git").resolve(RefNames.V2_MAIN + ".lock");
      Files.createDirectories(lock.getParent());
      Files.writeString(lock, "held by a live writer\n");
      // A fresh lock is someone's: with no time to wait, the v2 write reports it at once.
      JGitCheckpointStore dual = TestRepos.store(repository).layout(CheckpointLayout.DUAL_WRITE)
          .redactor(Redactor.none()).logger(logger).retryPolicy(RetryPolicy.immediate(3))
          .maxRefWait(java.time.Duration.ZERO).build();
      Transcript body = lines("{\"n\":1}");

      int slot = dual.write(request(A, S).transcript(body).prompts(List.of("p")).build());
      dual.update(new UpdateRequest(A, S, lines("{\"n\":1}", "{\"n\":2}"), List.of("p", "q")));

      assertThat(slot).isZero();
      assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isNull();
      JGitCheckpointStore v1 = store(repository, CheckpointLayout.V1);
      SessionContent stored = v1.readSession(A, 0).orElseThrow();
      assertThat(stored.transcript()).isEqualTo(lines("{\"n\":1}", "{\"n\":2}"));
      assertThat(stored.prompts()).containsExactly("p", "q");
      assertThat(dual.readSession(A, 0)).contains(stored);
      assertThat(logger.at(System.Logger.Level.WARNING)).hasSize(2)
          .allSatisfy(e -> assertThat(e.message()).contains("checkpoint " + A.value())
              .contains(RefNames.V2_MAIN));
      assertThat(logger.at(System.Logger.Level.WARNING).get(0).message())
          .contains(lock.toString());
    }
  }

  @Test
  void aV2FullRefThatIsNotACommitLeavesV2WithoutTranscriptAndReadsFallBackToV1()
      throws IOException {
    Repository repository = TestRepos.inMemory();
    ObjectId blob;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      blob = inserter.insert(Constants.OBJ_BLOB, "not a commit".getBytes());
      inserter.flush();
    }
    new RefCas(repository, RetryPolicy.immediate(1), d -> { }, RefCas.Hook.NONE)
        .compareAndSwap(RefNames.V2_FULL_CURRENT, Optional.empty(), blob);
    JGitCheckpointStore dual = store(repository, CheckpointLayout.DUAL_WRITE);
    Transcript body = lines("{\"n\":1}");

    dual.write(request(A, S).transcript(body).build());

    assertThat(RefTrees.tipId(repository, RefNames.V2_MAIN)).isNotNull();
    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isEqualTo(blob);
    assertThat(store(repository, CheckpointLayout.V2).readSummary(A)).isPresent();
    // A tip that is not a commit is damaged data (issue 21 item 3), named with its object.
    assertThatThrownBy(() -> store(repository, CheckpointLayout.V2).readSession(A, 0))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining(blob.name()).hasMessageContaining("not a commit");
    assertThat(dual.readSession(A, 0).orElseThrow().transcript()).isEqualTo(body);
    assertThat(dual.readLatestSession(A).orElseThrow().transcript()).isEqualTo(body);
    assertThat(logger.at(System.Logger.Level.WARNING)).first()
        .satisfies(e -> assertThat(e.message()).contains("v2 write of checkpoint " + A.value()));
  }

  @Test
  void readsPreferV2WhenItHasTheCheckpointAndListingMergesWithoutDuplicates() {
    Repository repository = TestRepos.inMemory();
    store(repository, CheckpointLayout.V1).write(request(A, S).prompts(List.of("v1")).build());
    store(repository, CheckpointLayout.V1).write(request(B, S).prompts(List.of("only v1"))
        .build());
    store(repository, CheckpointLayout.V2).write(request(A, S).prompts(List.of("v2")).build());

    for (CheckpointLayout layout : List.of(CheckpointLayout.DUAL_WRITE,
        CheckpointLayout.V2_ONLY)) {
      JGitCheckpointStore store = store(repository, layout);
      assertThat(store.readSession(A, 0).orElseThrow().prompts()).containsExactly("v2");
      assertThat(store.readSession(B, 0).orElseThrow().prompts()).containsExactly("only v1");
      assertThat(store.readSummary(B)).isPresent();
      assertThat(store.list()).extracting(CheckpointListEntry::checkpointId)
          .containsExactlyInAnyOrder(A, B);
    }
    assertThat(store(repository, CheckpointLayout.V2).readSession(B, 0)).isEmpty();
  }

  @Test
  void v2OnlyNeverWritesV1AndSurfacesItsOwnFailures() {
    Repository repository = TestRepos.inMemory();
    JGitCheckpointStore v2Only = store(repository, CheckpointLayout.V2_ONLY);

    v2Only.write(request(A, S).transcript(lines("{}")).build());

    assertThat(RefTrees.tipId(repository, RefNames.V1_BRANCH)).isNull();
    assertThat(RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT)).isNotNull();
    assertThatThrownBy(() -> v2Only.update(new UpdateRequest(B, S, lines("{}"), List.of())))
        .isInstanceOf(CheckpointNotFoundException.class).hasMessageContaining(RefNames.V2_MAIN);
    assertThat(logger.entries()).isEmpty();
  }
}
