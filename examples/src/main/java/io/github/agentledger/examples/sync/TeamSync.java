package io.github.agentledger.examples.sync;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.sync.SyncResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.URIish;

/**
 * Checkpoints travel with the team: two clones of one remote each write a checkpoint, both push
 * (the second push finds the remote moved on and reconciles instead of overwriting), and a fetch
 * brings the other's checkpoint home.
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar sync}. Not thread-safe:
 * one run at a time per working directory.
 */
public final class TeamSync {
  private TeamSync() {}

  /**
   * Runs the example in a new temporary directory and prints what it does.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try {
      run(Files.createTempDirectory("agentledger-sync-"), System.out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
  }

  /**
   * Runs the example in {@code workDir}: a bare remote {@code origin.git} and two clones,
   * {@code alice} and {@code bob}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the example says what it does
   * @return the checkpoints written by Alice and by Bob, in that order
   * @throws IllegalStateException if git cannot create the repositories
   */
  public static List<CheckpointId> run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    Path origin = workDir.resolve("origin.git");
    try (Git remote = Git.init().setBare(true).setDirectory(origin.toFile()).call();
        Git alice = clone(workDir.resolve("alice"), origin);
        Git bob = clone(workDir.resolve("bob"), origin)) {
      CheckpointStore aliceStore = JGitCheckpointStore.builder(alice.getRepository()).build();
      CheckpointStore bobStore = JGitCheckpointStore.builder(bob.getRepository()).build();
      CheckpointId fromAlice = write(aliceStore, "alice-session", "Fix the flaky test");
      CheckpointId fromBob = write(bobStore, "bob-session", "Document the API");
      out.println("1. alice wrote " + fromAlice + ", bob wrote " + fromBob + ", both offline");

      CheckpointSync aliceSync = CheckpointSync.builder(alice.getRepository()).build();
      CheckpointSync bobSync = CheckpointSync.builder(bob.getRepository()).build();
      out.println("2. alice pushes: " + describe(aliceSync.push()));
      out.println("3. bob pushes:   " + describe(bobSync.push()));
      out.println("4. alice fetches: " + describe(aliceSync.fetch()));

      out.println("5. alice now has " + ids(aliceStore.list()) + "; the remote has "
          + ids(JGitCheckpointStore.builder(remote.getRepository()).build().list()));
      return List.of(fromAlice, fromBob);
    } catch (GitAPIException | URISyntaxException e) {
      throw new IllegalStateException("cannot set up the repositories in " + workDir, e);
    }
  }

  private static Git clone(Path dir, Path origin) throws GitAPIException, URISyntaxException {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    git.remoteAdd().setName("origin").setUri(new URIish(origin.toUri().toString())).call();
    return git;
  }

  private static CheckpointId write(CheckpointStore store, String session, String prompt) {
    CheckpointId id = store.newCheckpointId();
    store.write(WriteRequest.builder(id, AgentSessionId.of(session))
        .transcript(Transcript.ofUtf8("{\"type\":\"user\",\"text\":\"" + prompt + "\"}\n"))
        .prompts(List.of(prompt))
        .build());
    return id;
  }

  private static String describe(SyncResult result) {
    return result.refs().stream()
        .map(ref -> ref.ref() + " " + ref.status()
            + (ref.detail().isEmpty() ? "" : " (" + ref.detail() + ")"))
        .collect(Collectors.joining(", "));
  }

  private static List<String> ids(List<CheckpointListEntry> entries) {
    return entries.stream().map(entry -> entry.checkpointId().value()).sorted().toList();
  }
}
