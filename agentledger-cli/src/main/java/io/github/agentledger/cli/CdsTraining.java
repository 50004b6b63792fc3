package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;

/**
 * The training run behind the class-data sharing archive the build records
 * ({@code -XX:ArchiveClassesAtExit}): writes three checkpoints to a throw-away dual-write
 * repository and runs {@code checkpoints list}, {@code show} and {@code verify} on it in this
 * process, so that the archive holds the classes those commands load. Hidden; the directory is
 * deleted afterwards.
 */
@Command(name = "cds-training", hidden = true)
final class CdsTraining implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("agentledger-cds-");
    try {
      try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
        JGitCheckpointStore store = JGitCheckpointStore.builder(git.getRepository())
            .layout(CheckpointLayout.DUAL_WRITE).build();
        for (int i = 0; i < 3; i++) {
          CheckpointId id = store.newCheckpointId();
          store.write(WriteRequest.builder(id, AgentSessionId.of("training-" + i))
              .branch("main").transcript(Transcript.of(
                  "{\"type\":\"user\",\"text\":\"hello\"}\n".getBytes(StandardCharsets.UTF_8)))
              .prompts(List.of("hello")).filesTouched(List.of("a.txt")).checkpointsCount(1)
              .agent("training").model("none").build());
        }
      }
      PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true,
          StandardCharsets.UTF_8);
      String repo = dir.toString();
      AgentLedger.run(new String[] {"checkpoints", "list", "--repo", repo}, sink, sink);
      AgentLedger.run(new String[] {"checkpoints", "list", "--json", "--repo", repo}, sink, sink);
      AgentLedger.run(new String[] {"checkpoints", "show", "0", "--repo", repo}, sink, sink);
      AgentLedger.run(new String[] {"checkpoints", "verify", "-q", "--repo", repo}, sink, sink);
      return Exit.OK;
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
