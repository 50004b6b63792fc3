package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.RefLockedException;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer JVM killed with SIGKILL at an arbitrary moment never loses an acknowledged checkpoint
 * and leaves a repository that {@code git fsck} accepts.
 */
class V1CrashTest {
  @TempDir
  Path dir;

  @Test
  void aKilledWriterLosesNoAcknowledgedCheckpoint() throws Exception {
    int runs = Integer.getInteger("agentledger.stress.crashRuns", 5);
    SplittableRandom random = new SplittableRandom(11);
    TestRepos.onDisk(dir).close();
    List<CheckpointId> acknowledged = new ArrayList<>();
    Path lock = dir.resolve(".git/refs/heads/entire/checkpoints/v1.lock");
    for (int run = 0; run < runs; run++) {
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), V1WriterProcess.class.getName(),
          dir.toString(), String.format("d%d", run % 10), "100000")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      try {
        BufferedReader out = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        child.getOutputStream().write('\n');
        child.getOutputStream().flush();
        int killAfter = random.nextInt(1, 6);
        for (int i = 0; i < killAfter; i++) {
          acknowledged.add(CheckpointId.parse(out.readLine()));
        }
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
      }

      try (Repository repository = TestRepos.openOnDisk(dir)) {
        JGitCheckpointStore store = TestRepos.store(repository)
            .retryPolicy(RetryPolicy.immediate(3)).build();
        Set<CheckpointId> listed = store.list().stream().map(CheckpointListEntry::checkpointId)
            .collect(Collectors.toSet());
        assertThat(listed).containsAll(acknowledged);
        if (Files.exists(lock)) {
          // Killed while holding the ref lock: until the lock is older than the stale age it is
          // someone's, and a write that may not wait reports it by name.
          JGitCheckpointStore impatient = TestRepos.store(repository)
              .retryPolicy(RetryPolicy.immediate(3)).maxRefWait(Duration.ZERO).build();
          assertThatThrownBy(() -> impatient.write(WriteRequest.builder(
              CheckpointId.parse("eeeeeeeeeeee"), AgentSessionId.of("after")).build()))
              .isInstanceOf(RefLockedException.class)
              .hasMessageContaining(RefNames.V1_BRANCH).hasMessageContaining(lock.toString());
          // Once stale (here: at once), the next write breaks it and loses nothing.
          CheckpointId after = CheckpointId.parse(String.format("ee%010x", run));
          TestRepos.store(repository).retryPolicy(RetryPolicy.immediate(3))
              .staleLockAge(Duration.ofNanos(1)).build()
              .write(WriteRequest.builder(after, AgentSessionId.of("after")).build());
          assertThat(lock).doesNotExist();
          acknowledged.add(after);
        }
      }
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    }
  }
}
