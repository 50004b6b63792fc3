package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;

/**
 * A child JVM for {@link V2CrashTest}: writes checkpoints {@code <prefix><8 hex>} with the
 * transcript {@link #body} through a store of the given layout until it is killed, printing each
 * acknowledged id. Arguments: work tree, layout, prefix (4 hex), generation threshold.
 */
final class V2WriterProcess {
  private V2WriterProcess() {}

  static Transcript body(CheckpointId id) {
    return Transcript.ofUtf8("{\"checkpoint\":\"" + id.value() + "\",\"pad\":\""
        + "y".repeat(512) + "\"}\n");
  }

  public static void main(String[] args) throws Exception {
    Path workTree = Path.of(args[0]);
    CheckpointLayout layout = CheckpointLayout.valueOf(args[1]);
    String prefix = args[2];
    int threshold = Integer.parseInt(args[3]);
    try (Repository repository = TestRepos.openOnDisk(workTree)) {
      // Real pauses between retries (this process asserts nothing), and a short stale-lock age
      // so that the lock of a killed sibling costs seconds, not the default ten.
      JGitCheckpointStore store = JGitCheckpointStore.builder(repository).layout(layout)
          .clock(Clock.systemUTC()).random(new SplittableRandom(Long.parseLong(prefix, 16)))
          .redactor(Redactor.none()).maxCheckpointsPerGeneration(threshold)
          .staleLockAge(Duration.ofSeconds(2)).maxRefWait(Duration.ofSeconds(60)).build();
      System.out.println("ready");
      System.out.flush();
      if (System.in.read() < 0) {
        return;
      }
      for (long i = 0; ; i++) {
        CheckpointId id = CheckpointId.parse(prefix + String.format("%08x", i));
        store.write(WriteRequest.builder(id, AgentSessionId.of("process-" + prefix))
            .transcript(body(id)).prompts(List.of("p" + i)).build());
        System.out.println(id.value());
        System.out.flush();
      }
    }
  }
}
