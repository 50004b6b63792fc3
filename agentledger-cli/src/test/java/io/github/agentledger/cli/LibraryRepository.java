package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Repositories written by the library itself: checkpoints with chosen ids in a chosen layout and
 * a code commit whose trailer links the first of them. Also a program that writes a large one
 * for the start-up measurement: {@code LibraryRepository DIR COUNT}.
 */
final class LibraryRepository {
  static final String AGENT = "test agent";

  private LibraryRepository() {}

  /** Writes the checkpoints and returns the code commit's hash. */
  static String write(Path dir, CheckpointLayout layout, List<String> ids, String agent,
      int maxPerGeneration) throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      JGitCheckpointStore store = JGitCheckpointStore.builder(git.getRepository())
          .layout(layout).maxCheckpointsPerGeneration(maxPerGeneration).build();
      for (int i = 0; i < ids.size(); i++) {
        store.write(WriteRequest.builder(CheckpointId.parse(ids.get(i)),
                AgentSessionId.of("session-" + i))
            .branch("main")
            .transcript(Transcript.of(("{\"type\":\"user\",\"text\":\"question " + i + "\"}\n"
                + "{\"type\":\"assistant\",\"text\":\"answer " + i + "\"}\n")
                .getBytes(StandardCharsets.UTF_8)))
            .prompts(List.of("question " + i)).filesTouched(List.of("file" + i + ".txt"))
            .checkpointsCount(1).agent(agent).model("test-model").build());
      }
      Files.writeString(dir.resolve("code.txt"), "code\n");
      git.add().addFilepattern("code.txt").call();
      PersonIdent person = new PersonIdent("Test", "test@example.com");
      return git.commit().setMessage(CheckpointTrailer.append("Add code",
              CheckpointId.parse(ids.get(0))))
          .setAuthor(person).setCommitter(person).call().name();
    }
  }

  /**
   * Writes COUNT checkpoints in the dual-write layout into DIR (for the start-up measurement).
   *
   * @param args DIR COUNT
   */
  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[1]);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(String.format("%012x", 0x100000000L + i * 7919L));
    }
    write(Path.of(args[0]), CheckpointLayout.DUAL_WRITE, ids, AGENT, 10_000);
  }
}
