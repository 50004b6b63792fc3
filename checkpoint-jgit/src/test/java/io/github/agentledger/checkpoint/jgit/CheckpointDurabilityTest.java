package io.github.agentledger.checkpoint.jgit;

import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.lines;
import static io.github.agentledger.checkpoint.jgit.V2LayoutTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code FSYNC} a write forces its objects and its ref; with {@code NONE} nothing. */
class CheckpointDurabilityTest {
  static final AgentSessionId S = AgentSessionId.of("session-001");

  @TempDir Path dir;

  private final List<Path> forced = new CopyOnWriteArrayList<>();

  private JGitCheckpointStore store(Repository repository, CheckpointLayout layout,
      CheckpointDurability durability) {
    return TestRepos.store(repository).layout(layout).redactor(Redactor.none())
        .durability(durability).fsyncObserver(forced::add).build();
  }

  private static Path loose(Path dir, ObjectId id) {
    return dir.resolve(".git/objects").resolve(id.name().substring(0, 2))
        .resolve(id.name().substring(2));
  }

  @Test
  void fsyncForcesTheNewCommitItsTreesAndBlobsAndTheRefBeforeReturning() throws Exception {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.V1,
          CheckpointDurability.FSYNC);
      CheckpointId id = CheckpointId.parse("a3b2c4d5e6f7");

      store.write(request(id, S).transcript(lines("{\"n\":1}")).prompts(List.of("p")).build());

      Path ref = dir.resolve(".git").resolve(RefNames.V1_BRANCH);
      ObjectId tip = repository.exactRef(RefNames.V1_BRANCH).getObjectId();
      assertThat(forced).contains(loose(dir, tip), ref, ref.getParent());
      // Every loose object written (commit, trees, transcript, prompts, metadata) was forced
      // before the ref was.
      int refForced = forced.indexOf(ref);
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(tip);
        assertThat(forced.subList(0, refForced))
            .contains(loose(dir, commit), loose(dir, commit.getTree()));
      }
      try (var files = Files.walk(dir.resolve(".git/objects"))) {
        List<Path> written = files.filter(Files::isRegularFile)
            .filter(p -> p.getParent().getFileName().toString().length() == 2).toList();
        assertThat(forced.subList(0, refForced)).containsAll(written);
        assertThat(forced.subList(0, refForced)).contains(written.get(0).getParent());
      }
    }
  }

  @Test
  void fsyncForcesBothV2RefsAndPackedRefsAfterARotation() throws Exception {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = TestRepos.store(repository).layout(CheckpointLayout.V2)
          .redactor(Redactor.none()).maxCheckpointsPerGeneration(1)
          .durability(CheckpointDurability.FSYNC).fsyncObserver(forced::add).build();

      store.write(request(CheckpointId.parse("a3b2c4d5e6f7"), S)
          .transcript(lines("{\"n\":1}")).build());

      // On disk the write moves /full/current and /main as loose refs, each forced; the
      // rotation that follows (threshold 1) archives and resets in one packed-refs transaction
      // (their loose files go): forcing packed-refs and its directory makes those durable.
      assertThat(forced).contains(dir.resolve(".git").resolve(RefNames.V2_MAIN),
          dir.resolve(".git/packed-refs"), dir.resolve(".git"));
      assertThat(dir.resolve(".git").resolve(RefNames.V2_MAIN)).exists();
      // The transcript's ref is durable before the ref that lists the checkpoint.
      assertThat(forced.indexOf(dir.resolve(".git").resolve(RefNames.V2_FULL_CURRENT)))
          .isNotNegative()
          .isLessThan(forced.indexOf(dir.resolve(".git").resolve(RefNames.V2_MAIN)));
      assertThat(Files.readString(dir.resolve(".git/packed-refs")))
          .contains(RefNames.v2Archive(1), RefNames.V2_FULL_CURRENT);
    }
  }

  @Test
  void noneForcesNothing() {
    try (Repository repository = TestRepos.onDisk(dir)) {
      JGitCheckpointStore store = store(repository, CheckpointLayout.DUAL_WRITE,
          CheckpointDurability.NONE);
      for (int i = 0; i < 5; i++) {
        store.write(request(CheckpointId.parse(String.format("%012x", 0xabc000000000L + i)), S)
            .transcript(lines("{\"n\":" + i + "}")).build());
      }
      assertThat(forced).isEmpty();
    }
  }
}
