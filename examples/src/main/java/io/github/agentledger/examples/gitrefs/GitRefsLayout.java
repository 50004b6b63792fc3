package io.github.agentledger.examples.gitrefs;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * The Entire CLI's git-refs layout: a v1 checkpoint written first (as an older repository holds
 * it), then two checkpoints under {@link CheckpointLayout#GIT_REFS}, each on a ref of its own,
 * {@code refs/entire/checkpoints/<last two characters>/<ULID>}, the second written twice so that
 * its ref has a history. The git-refs store lists all three, reads the v1 one through its hex id,
 * and prints the refs as {@code git for-each-ref refs/entire/checkpoints/} would.
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar git-refs}. Not
 * thread-safe: one run at a time per working directory.
 */
public final class GitRefsLayout {
  private GitRefsLayout() {}

  /**
   * Runs the example with a new git repository in {@code workDir}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the checkpoints written: the v1 one, then the two git-refs ones
   */
  public static List<CheckpointId> run(Path workDir, PrintStream out) {
    try (Git git = Git.init().setDirectory(workDir.toFile()).call()) {
      Repository repository = git.getRepository();
      JGitCheckpointStore v1 = JGitCheckpointStore.builder(repository).build();
      CheckpointId old = v1.newCheckpointId();
      v1.write(request(old, "older-session", "written on the v1 branch"));
      out.println("1. v1 checkpoint " + old + " on refs/heads/entire/checkpoints/v1");

      JGitCheckpointStore store = JGitCheckpointStore.builder(repository)
          .layout(CheckpointLayout.GIT_REFS).build();
      CheckpointId first = store.newCheckpointId();
      CheckpointId second = store.newCheckpointId();
      store.write(request(first, "session-a", "first git-refs checkpoint"));
      store.write(request(second, "session-b", "second git-refs checkpoint"));
      store.write(request(second, "session-c", "a second session, a child commit"));
      out.println("2. git-refs checkpoints " + first + " and " + second + " (ULIDs, minted "
          + first.ulidTime().orElseThrow() + ")");

      out.println("3. the git-refs store lists:");
      for (CheckpointListEntry entry : store.list()) {
        out.println("   " + entry.checkpointId() + "  " + entry.sessionCount() + " session(s)");
      }
      out.println("4. v1 checkpoint read through the git-refs store: "
          + store.readLatestSession(old).orElseThrow().prompts());
      out.println("5. refs:");
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/entire/checkpoints/")) {
        out.println("   " + ref.getObjectId().name() + " commit\t" + ref.getName());
      }
      return List.of(old, first, second);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create a repository in " + workDir, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the refs of " + workDir, e);
    }
  }

  private static WriteRequest request(CheckpointId id, String session, String prompt) {
    return WriteRequest.builder(id, AgentSessionId.of(session)).agent("Claude Code")
        .branch("main").prompts(List.of(prompt))
        .transcript(Transcript.ofUtf8("{\"type\":\"user\",\"text\":\"" + prompt + "\"}\n"))
        .build();
  }
}
