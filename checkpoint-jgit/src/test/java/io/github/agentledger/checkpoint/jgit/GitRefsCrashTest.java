package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writer JVMs on one repository under the git-refs layout, both SIGKILLed at arbitrary
 * moments: every acknowledged checkpoint is there and queued for push, the shared checkpoint holds
 * a session of every acknowledged write, and {@code git fsck} is clean.
 */
class GitRefsCrashTest {
  static final CheckpointId SHARED = CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN");

  @TempDir
  Path dir;

  @Test
  void killedWritersLoseNoAcknowledgedCheckpointAndNoQueueEntry() throws Exception {
    int runs = Integer.getInteger("agentledger.stress.crashRuns", 1);
    TestRepos.onDisk(dir).close();
    List<CheckpointId> acknowledged = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Process first = writer(2 * run + 1);
      Process second = writer(2 * run + 2);
      try {
        BufferedReader out1 = reader(first);
        BufferedReader out2 = reader(second);
        assertThat(out1.readLine()).isEqualTo("ready");
        assertThat(out2.readLine()).isEqualTo("ready");
        go(first);
        go(second);
        for (int i = 0; i < 1 + run; i++) {
          acknowledged.add(CheckpointId.parse(out1.readLine()));
          acknowledged.add(CheckpointId.parse(out2.readLine()));
        }
      } finally {
        first.destroyForcibly();
        second.destroyForcibly();
        assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(second.waitFor(1, TimeUnit.MINUTES)).isTrue();
      }
      removeStaleLocks(); // a writer killed inside a ref update leaves its lock, as git does
      try (Repository repository = TestRepos.openOnDisk(dir)) {
        JGitCheckpointStore store = TestRepos.store(repository)
            .layout(CheckpointLayout.GIT_REFS).build();
        Set<CheckpointId> listed = store.list().stream().map(CheckpointListEntry::checkpointId)
            .collect(Collectors.toSet());
        assertThat(listed).containsAll(acknowledged);
        assertThat(store.readSummary(SHARED).orElseThrow().sessions().size())
            .isGreaterThanOrEqualTo(acknowledged.size());
        List<String> queued = PushQueue.in(dir.resolve(".git")).refs();
        for (CheckpointId id : acknowledged) {
          assertThat(queued).contains("refs/entire/checkpoints/" + id.refShard() + "/" + id);
        }
      }
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    }
  }

  private void removeStaleLocks() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve(".git/refs"))) {
      for (Path lock : files.filter(p -> p.toString().endsWith(".lock")).toList()) {
        Files.delete(lock);
      }
    }
  }

  private Process writer(long seed) throws Exception {
    return new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), GitRefsWriterProcess.class.getName(),
        dir.toString(), Long.toString(seed))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static BufferedReader reader(Process child) {
    return new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
  }

  private static void go(Process child) throws Exception {
    child.getOutputStream().write('\n');
    child.getOutputStream().flush();
  }
}
