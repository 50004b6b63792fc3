package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On-demand fetch of a missing object (issue 13 item 2): a clone whose object database lacks a
 * transcript blob reads it from a named remote when the caller opted in, and only then.
 */
class MissingObjectFetchTest {
  static final String ID = "c0ffee123456";

  @TempDir Path temp;
  private EntireBranch origin;
  private GitCli clone;
  private Path cloneDir;
  private String missing;

  @BeforeAll
  static void needsGit() {
    Assumptions.assumeTrue(GitCli.isAvailable(), "the git command line is needed for fixtures");
  }

  @BeforeEach
  void partialClone() throws Exception {
    origin = EntireBranch.v1(temp.resolve("origin"));
    origin.checkpoint(ID).slots(0, 2).commit();
    origin.git().text("config", "uploadpack.allowAnySHA1InWant", "true");
    cloneDir = temp.resolve("clone");
    Files.createDirectories(cloneDir);
    clone = GitCli.in(cloneDir, temp.resolve("clone-home"), EntireBranch.T0);
    clone.text("init", "-q", "-b", "main");
    clone.text("remote", "add", "upstream", origin.workTree().toString());
    clone.text("-c", "fetch.unpackLimit=1000000", "fetch", "-q", "upstream",
        EntireBranch.V1 + ":" + EntireBranch.V1);
    missing = origin.blobs().get("c0/ffee123456/2/full.jsonl");
    Files.delete(cloneDir.resolve(".git/objects").resolve(missing.substring(0, 2))
        .resolve(missing.substring(2)));
  }

  @Test
  void withoutOptInTheReadSaysTheObjectIsMissing() {
    try (Repository repository = TestRepos.openOnDisk(cloneDir)) {
      SessionContent session = TestRepos.store(repository).build()
          .readSession(CheckpointId.parse(ID), 2).orElseThrow();
      assertThat(session.transcriptNotAvailable()).isPresent();
    }
  }

  @Test
  void withOptInTheObjectIsFetchedFromTheNamedRemoteAndRead() throws Exception {
    try (Repository repository = TestRepos.openOnDisk(cloneDir)) {
      JGitCheckpointStore store = TestRepos.store(repository)
          .fetchMissingObjectsFrom(CheckpointSync.builder(repository).remote("upstream").build())
          .build();

      SessionContent session = store.readSession(CheckpointId.parse(ID),
          AgentSessionId.of("s-2")).orElseThrow();

      assertThat(session.transcriptNotAvailable()).isEmpty();
      assertThat(session.transcript().bytes()).isEqualTo(EntireBranch.transcript(ID, 2));
      assertThat(repository.getObjectDatabase().has(org.eclipse.jgit.lib.ObjectId
          .fromString(missing))).isTrue();
      assertThat(clone.text("rev-parse", EntireBranch.V1)).isEqualTo(origin.tip());
    }
  }
}
