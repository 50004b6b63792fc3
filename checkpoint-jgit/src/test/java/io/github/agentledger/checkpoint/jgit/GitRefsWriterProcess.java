package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;

/**
 * A child JVM for {@link GitRefsCrashTest}: writes checkpoints under the git-refs layout (new
 * ULIDs, and one session each into a shared checkpoint), printing each acknowledged id.
 */
final class GitRefsWriterProcess {
  private GitRefsWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path workTree = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (Repository repository = TestRepos.openOnDisk(workTree)) {
      JGitCheckpointStore store = JGitCheckpointStore.builder(repository)
          .layout(CheckpointLayout.GIT_REFS).clock(Clock.systemUTC())
          .random(new SplittableRandom(seed)).retryPolicy(RetryPolicy.immediate(100_000))
          .build();
      System.out.println("ready");
      System.out.flush();
      if (System.in.read() < 0) {
        return;
      }
      for (int i = 0; ; i++) {
        CheckpointId id = store.newCheckpointId();
        store.write(WriteRequest.builder(id, AgentSessionId.of("p" + seed)).branch("main")
            .transcript(Transcript.ofUtf8("{\"i\":" + i + "}\n")).prompts(List.of("p" + i))
            .build());
        store.write(WriteRequest.builder(GitRefsCrashTest.SHARED,
            AgentSessionId.of("p" + seed + "-" + i)).branch("main").build());
        System.out.println(id.value());
        System.out.flush();
      }
    }
  }
}
