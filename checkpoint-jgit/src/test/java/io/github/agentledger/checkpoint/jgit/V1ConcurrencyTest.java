package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers on one on-disk repository lose nothing, and git fsck stays clean. */
class V1ConcurrencyTest {
  private static final CheckpointId SHARED = CheckpointId.parse("5a5a5a5a5a5a");

  @TempDir
  Path dir;

  @Test
  void eightThreadsWritingFiftyCheckpointsEachLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 50 * StressSettings.scale();
    TestRepos.onDisk(dir).close();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<CheckpointId>>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          // Every writer has its own Repository instance: nothing is shared but the files.
          try (Repository repository = TestRepos.openOnDisk(dir)) {
            JGitCheckpointStore store = StressSettings.contendedStore(repository, thread);
            start.await();
            List<CheckpointId> written = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
              CheckpointId id = CheckpointId.parse(String.format("%02x%010x", thread, i));
              store.write(WriteRequest.builder(id, AgentSessionId.of("t" + thread))
                  .transcript(Transcript.ofUtf8("{\"thread\":" + thread + ",\"i\":" + i + "}\n"))
                  .prompts(List.of("prompt " + i)).checkpointsCount(1).build());
              written.add(id);
              if (i % 10 == 0) {
                store.write(WriteRequest.builder(SHARED, AgentSessionId.of("t" + thread + "-" + i))
                    .checkpointsCount(1).build());
              }
            }
            return written;
          }
        }));
      }
      start.countDown();
      Set<CheckpointId> expected = new java.util.HashSet<>();
      for (Future<List<CheckpointId>> future : futures) {
        expected.addAll(future.get(5, TimeUnit.MINUTES));
      }

      try (Repository repository = TestRepos.openOnDisk(dir)) {
        JGitCheckpointStore store = TestRepos.store(repository).build();
        Set<CheckpointId> listed = store.list().stream().map(CheckpointListEntry::checkpointId)
            .collect(Collectors.toSet());
        assertThat(listed).containsAll(expected).hasSize(expected.size() + 1);
        int sharedSessions = threads * ((perThread + 9) / 10);
        assertThat(store.readSummary(SHARED).orElseThrow().sessions()).hasSize(sharedSessions);
        assertThat(store.readSummary(SHARED).orElseThrow().checkpointsCount())
            .isEqualTo(sharedSessions);
        CheckpointId sample = CheckpointId.parse(String.format("%02x%010x", 3, perThread - 1));
        assertThat(store.readSession(sample, 0).orElseThrow().transcript().utf8())
            .isEqualTo("{\"thread\":3,\"i\":" + (perThread - 1) + "}\n");
      }
      GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict");
      assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
      assertThat(fsck.stderr()).doesNotContain("error");
    } finally {
      pool.shutdownNow();
    }
  }
}
