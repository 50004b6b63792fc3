package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/**
 * A child JVM for {@link V1TwoProcessTest}: writes {@code count} checkpoints whose ids start with
 * {@code prefix} (two hex characters), and one session into a shared checkpoint, printing each
 * acknowledged id.
 */
final class V1WriterProcess {
  private V1WriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path workTree = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    try (Repository repository = TestRepos.openOnDisk(workTree)) {
      JGitCheckpointStore store =
          StressSettings.contendedStore(repository, Long.parseLong(prefix, 16));
      System.out.println("ready");
      System.out.flush();
      if (System.in.read() < 0) {
        return;
      }
      for (int i = 0; i < count; i++) {
        CheckpointId id = CheckpointId.parse(prefix + String.format("%010x", i));
        store.write(WriteRequest.builder(id, AgentSessionId.of("process-" + prefix))
            .transcript(Transcript.ofUtf8("{\"i\":" + i + "}\n")).prompts(List.of("p" + i))
            .build());
        store.write(WriteRequest.builder(V1TwoProcessTest.SHARED,
            AgentSessionId.of("process-" + prefix + "-" + i)).build());
        System.out.println(id.value());
        System.out.flush();
      }
    }
  }
}
