package io.github.agentledger.examples.rotation;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * Generation rotation of the v2 layout: raw transcripts accumulate on
 * {@code refs/entire/checkpoints/v2/full/current} until it holds the threshold of checkpoints,
 * then it is archived as {@code refs/entire/checkpoints/v2/full/<13 digits>} and a new generation
 * starts. The threshold is 100 by default; this example sets 3 to see it happen. Checkpoints in
 * archives read back as before.
 *
 * <p>The store is {@link CheckpointLayout#DUAL_WRITE}, as the Entire CLI's
 * {@code checkpoints_v2: true}: v1 stays the source of truth, v2 is written too.
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar rotation}. Not
 * thread-safe: one run at a time per working directory.
 */
public final class Rotation {
  static final int THRESHOLD = 3;
  static final int CHECKPOINTS = 7;

  private Rotation() {}

  /**
   * Runs the example in a new temporary directory and prints what it does.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("agentledger-rotation-"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /**
   * Runs the example with a new git repository in {@code workDir}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the checkpoints written, in order
   * @throws IllegalStateException if git cannot create the repository
   */
  public static List<CheckpointId> run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    try (Git git = Git.init().setDirectory(workDir.toFile()).setInitialBranch("main").call()) {
      JGitCheckpointStore store = JGitCheckpointStore.builder(git.getRepository())
          .layout(CheckpointLayout.DUAL_WRITE)
          .maxCheckpointsPerGeneration(THRESHOLD)
          .build();
      List<CheckpointId> written = new ArrayList<>();
      for (int i = 1; i <= CHECKPOINTS; i++) {
        CheckpointId id = store.newCheckpointId();
        store.write(WriteRequest.builder(id, AgentSessionId.of("session-" + i))
            .transcript(Transcript.ofUtf8("{\"type\":\"user\",\"text\":\"step " + i + "\"}\n"))
            .prompts(List.of("step " + i))
            .checkpointsCount(1)
            .build());
        written.add(id);
      }
      out.println("1. wrote " + CHECKPOINTS + " checkpoints with maxCheckpointsPerGeneration "
          + THRESHOLD + " in " + workDir);

      for (ArchivedGeneration generation : store.archivedGenerations()) {
        out.println("2. archived generation " + generation.number() + ": "
            + describe(generation.metadata()));
      }
      store.currentGeneration().ifPresent(current ->
          out.println("3. current generation: " + describe(current)));

      CheckpointId first = written.get(0);
      SessionContent session = store.readLatestSession(first).orElseThrow();
      out.println("4. checkpoint " + first + " lives in "
          + describe(store.generationOf(first).orElseThrow())
          + " and still reads back: prompts " + session.prompts());
      return List.copyOf(written);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create a git repository in " + workDir, e);
    }
  }

  static String describe(GenerationLocation location) {
    return location instanceof GenerationLocation.Archived archived
        ? "archived generation " + archived.number() : "the current generation";
  }

  private static String describe(GenerationMetadata generation) {
    int count = generation.checkpoints().size();
    return count + (count == 1 ? " checkpoint " : " checkpoints ") + generation.checkpoints()
        + generation.oldestCheckpointAt().map(at -> ", oldest " + at).orElse("");
  }
}
