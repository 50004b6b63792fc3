package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 2: a dual write's v2 converges on v1. The gaps are made as a crash or a failed v2
 * write leaves them: checkpoints and sessions written to v1 alone (by a {@link
 * CheckpointLayout#V1} store over the same repository).
 */
class DualWriteConvergenceTest {
  static final CheckpointId A = CheckpointId.parse("a3b2c4d5e6f7");
  static final CheckpointId B = CheckpointId.parse("0123456789ab");
  static final AgentSessionId S1 = AgentSessionId.of("session-001");
  static final AgentSessionId S2 = AgentSessionId.of("session-002");

  private final InMemoryRepository repository = TestRepos.inMemory();
  private final RecordingLogger logger = new RecordingLogger();
  private final JGitCheckpointStore v1Only = store(CheckpointLayout.V1);
  private final JGitCheckpointStore dual = store(CheckpointLayout.DUAL_WRITE);
  private final JGitCheckpointStore v2 = store(CheckpointLayout.V2);

  private JGitCheckpointStore store(CheckpointLayout layout) {
    return TestRepos.store(repository).layout(layout).redactor(Redactor.none()).logger(logger)
        .build();
  }

  private static Transcript body(CheckpointId id, AgentSessionId session, int version) {
    return lines("{\"checkpoint\":\"" + id.value() + "\",\"session\":\"" + session.value()
        + "\",\"v\":" + version + "}");
  }

  private void writeV1Only(CheckpointId id, AgentSessionId session, int version) {
    v1Only.write(request(id, session).transcript(body(id, session, version))
        .prompts(List.of("prompt " + version)).build());
  }

  private Map<String, ObjectId> refs() {
    try {
      Map<String, ObjectId> refs = new TreeMap<>();
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        refs.put(ref.getName(), ref.getObjectId());
      }
      return refs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theLagNamesV1CheckpointsMissingFromV2AndOneReconcileCopiesThemOnce() {
    writeV1Only(A, S1, 1);
    writeV1Only(B, S1, 1);

    assertThat(dual.v2Lag()).isEqualTo(new V2Lag(List.of(B, A), List.of()));
    assertThat(dual.reconcile()).isEqualTo(new V2Lag(List.of(B, A), List.of()));

    for (CheckpointId id : List.of(A, B)) {
      var session = v2.readSession(id, S1).orElseThrow();
      assertThat(session.transcript()).isEqualTo(body(id, S1, 1));
      assertThat(session.prompts()).containsExactly("prompt 1");
      assertThat(v2.generationOf(id)).isPresent();
    }
    assertThat(dual.v2Lag().upToDate()).isTrue();
    Map<String, ObjectId> after = refs();
    assertThat(after).containsKey(RefNames.V2_RECONCILED);
    assertThat(dual.reconcile().upToDate()).isTrue();
    assertThat(refs()).isEqualTo(after);
  }

  @Test
  void sessionsAreMatchedByIdSoAV2ThatMissedTheFirstSessionGetsItBack() {
    writeV1Only(A, S1, 1);
    dual.write(request(A, S2).transcript(body(A, S2, 1)).build());
    writeV1Only(A, S2, 2); // v1 moves on; v2 still holds version 1 of S2

    V2Lag lag = dual.v2Lag();
    assertThat(lag.differing()).containsExactly(A);

    dual.reconcile();

    assertThat(v2.readSession(A, S1).orElseThrow().transcript()).isEqualTo(body(A, S1, 1));
    assertThat(v2.readSession(A, S2).orElseThrow().transcript()).isEqualTo(body(A, S2, 2));
    assertThat(v2.readSummary(A).orElseThrow().sessions()).hasSize(2);
    assertThat(dual.v2Lag().upToDate()).isTrue();
  }

  @Test
  void laterDualWritesCatchUpWithWhatV2MissedOnceItIsOutOfTheSettleWindow() {
    dual.write(request(A, S1).transcript(body(A, S1, 1)).build());
    dual.reconcile(); // the marker: v1's tip, verified
    assertThat(RefTrees.tipId(repository, RefNames.V2_RECONCILED))
        .isEqualTo(RefTrees.tipId(repository, RefNames.V1_BRANCH));
    writeV1Only(B, S1, 1); // a writer killed between its v1 and v2 writes

    // The latest SETTLE_COMMITS v1 commits are left to their own writers...
    for (int i = 0; i < V2Convergence.SETTLE_COMMITS - 1; i++) {
      CheckpointId id = CheckpointId.parse(String.format("c0%010x", i));
      dual.write(request(id, S1).transcript(body(id, S1, 1)).build());
    }
    assertThat(v2.readSummary(B)).isEmpty();
    // ...and the next dual write finds B settled and missing, and copies it.
    CheckpointId last = CheckpointId.parse("c0ffffffffff");
    dual.write(request(last, S1).transcript(body(last, S1, 1)).build());

    assertThat(v2.readSession(B, S1).orElseThrow().transcript()).isEqualTo(body(B, S1, 1));
    assertThat(dual.v2Lag().upToDate()).isTrue();
  }

  @Test
  void aCatchUpComparesAtMostItsBoundAndLeavesALargerLagToReconcile() {
    int behind = V2Convergence.MAX_CATCH_UP + V2Convergence.SETTLE_COMMITS + 2;
    for (int i = 0; i < behind; i++) {
      writeV1Only(CheckpointId.parse(String.format("b0%010x", i)), S1, 1);
    }

    dual.write(request(A, S1).transcript(body(A, S1, 1)).build());

    assertThat(dual.v2Lag().missing()).hasSize(behind);
    assertThat(RefTrees.tipId(repository, RefNames.V2_RECONCILED)).isNull();
    assertThat(logger.at(System.Logger.Level.INFO)).anySatisfy(
        e -> assertThat(e.message()).contains("reconcile()"));
    assertThat(dual.reconcile().missing()).hasSize(behind);
    assertThat(dual.v2Lag().upToDate()).isTrue();
  }

  @Test
  void otherLayoutsReportNoLagAndReconcileNothing() {
    writeV1Only(A, S1, 1);

    assertThat(v1Only.v2Lag().upToDate()).isTrue();
    assertThat(v2.reconcile().upToDate()).isTrue();
    assertThat(v2.list()).isEmpty();
  }
}
