package io.github.agentledger.examples.quickstart;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointTrailer;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.RunResult;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.UserSegment;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The quickstart: an agent conversation recorded as a segment log, a code commit that links its
 * checkpoint with an {@code Entire-Checkpoint:} trailer, the checkpoint written with the segment's
 * JSONL as its transcript, and everything read back.
 *
 * <p>Run it with {@code java -jar examples/target/agentledger-examples.jar quickstart}. It works
 * in a fresh temporary directory (a new git repository and a segment directory) and leaves it in
 * place so that you can look at it with {@code git}; it says where.
 *
 * <p>Not thread-safe: one run at a time per working directory.
 */
public final class Quickstart {
  static final String PROMPT = "Add a greeting to hello.txt";
  static final String LEAKED_KEY = "sk-proj-Q7f3Kx9LmN2pR8vT4wY6zA1bC5dE0gH";

  private Quickstart() {}

  /**
   * Runs the quickstart in a new temporary directory and prints what it does.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(newWorkDirectory(), System.out);
  }

  /**
   * Creates the temporary directory the command-line quickstart works in.
   *
   * @return a new, empty directory
   * @throws UncheckedIOException if it cannot be created
   */
  public static Path newWorkDirectory() {
    try {
      return Files.createTempDirectory("agentledger-quickstart-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the quickstart", e);
    }
  }

  /**
   * Runs the quickstart in {@code workDir}: a git repository in {@code workDir/repo}, segment logs
   * in {@code workDir/segments}.
   *
   * @param workDir an empty directory, kept afterwards
   * @param out where the quickstart says what it does
   * @return the ids it created, to look them up again
   * @throws UncheckedIOException if a file cannot be written
   * @throws IllegalStateException if git refuses the commit
   */
  public static QuickstartResult run(Path workDir, PrintStream out) {
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(out, "out");
    try {
      return runIn(workDir, out);
    } catch (IOException e) {
      throw new UncheckedIOException("quickstart failed in " + workDir, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("git refused the quickstart's commit in " + workDir, e);
    }
  }

  private static QuickstartResult runIn(Path workDir, PrintStream out)
      throws IOException, GitAPIException {
    Clock clock = Clock.systemUTC();
    Path repoDir = workDir.resolve("repo");
    Path segmentRoot = workDir.resolve("segments");
    out.println("agentledger quickstart in " + workDir);

    // 1. Record the conversation as a segment log.
    JsonlSegmentStore segments = JsonlSegmentStore.open(segmentRoot, Durability.FSYNC_EACH);
    IdGenerator ids = IdGenerator.system();
    SessionId sessionId = ids.newSessionId();
    SegmentId segmentId = ids.newSegmentId();
    segments.create(sessionId, segmentId, List.of(LogEntry.SegmentStart.fresh(
        clock.millis(), sessionId, Optional.of("You are a careful coding agent."),
        RequestConfig.defaults(), List.of())));
    try (SegmentWriter writer = segments.openWriter(sessionId, segmentId)) {
      long ts = clock.millis();
      writer.append(List.of(
          new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
          new LogEntry.UserInput(ts, List.of(new UserSegment.Text(PROMPT)), List.of()),
          new LogEntry.AssistantItem(ts, new HistoryItem.ToolCall(
              "call-1", "write_file", "{\"path\":\"hello.txt\",\"text\":\"Hello, agents!\"}")),
          new LogEntry.ToolResult(ts, new HistoryItem.ToolResult(
              "call-1", "wrote hello.txt (env had OPENAI_API_KEY=" + LEAKED_KEY + ")",
              Optional.empty(), List.of(), false)),
          new LogEntry.AssistantItem(ts, HistoryItem.Message.text(
              Role.ASSISTANT, "I added the greeting to hello.txt.")),
          new LogEntry.TurnEnd(ts, 1),
          new LogEntry.RunCompleted(ts, false, RunResult.FINISHED)));
      out.println("1. segment log: " + writer.entryCount() + " entries in session "
          + sessionId + ", segment " + segmentId);
    }

    // 2. Commit the agent's change with an Entire-Checkpoint trailer, in a new repository.
    try (Git git = Git.init().setDirectory(repoDir.toFile()).setInitialBranch("main").call()) {
      CheckpointStore checkpoints = JGitCheckpointStore.builder(git.getRepository()).build();
      CheckpointId checkpointId = checkpoints.newCheckpointId();
      Files.writeString(repoDir.resolve("hello.txt"), "Hello, agents!\n", StandardCharsets.UTF_8);
      git.add().addFilepattern("hello.txt").call();
      PersonIdent agent = new PersonIdent("Quickstart Agent", "agent@example.com");
      RevCommit commit = git.commit()
          .setMessage(CheckpointTrailer.append("Add a greeting", checkpointId))
          .setAuthor(agent).setCommitter(agent).call();
      out.println("2. code commit " + commit.abbreviate(12).name() + " on main, trailer "
          + CheckpointTrailer.KEY + ": " + checkpointId);

      // 3. Write the checkpoint: the segment's JSONL is the transcript.
      Path segmentFile = segmentRoot.resolve(sessionId.toString())
          .resolve(segmentId + ".jsonl");
      byte[] jsonl = Files.readAllBytes(segmentFile);
      int slot = checkpoints.write(WriteRequest
          .builder(checkpointId, AgentSessionId.of(sessionId.toString()))
          .branch("main")
          .transcript(Transcript.of(jsonl))
          .prompts(List.of(PROMPT))
          .filesTouched(List.of("hello.txt"))
          .checkpointsCount(1)
          .agent("agentledger quickstart")
          .model("example-model")
          .build());
      out.println("3. checkpoint " + checkpointId + " written to refs/heads/entire/checkpoints/v1"
          + " (session slot " + slot + ", transcript " + jsonl.length + " bytes)");

      // 4. Read it back, starting from the code commit.
      CommitId commitId = CommitId.parse(commit.name());
      List<CheckpointId> linked = checkpoints.linkedCheckpoints(commitId);
      CheckpointSummary summary = checkpoints.readSummary(linked.get(0)).orElseThrow();
      SessionContent session = checkpoints.readLatestSession(linked.get(0)).orElseThrow();
      String transcript = session.transcript().utf8();
      out.println("4. read back from commit " + commit.abbreviate(12).name() + ": checkpoint "
          + summary.checkpointId() + ", " + summary.sessions().size() + " session, files "
          + summary.filesTouched());
      out.println("   session " + session.metadata().sessionId() + ", agent "
          + session.metadata().agent() + ", model " + session.metadata().model());
      out.println("   prompts " + session.prompts());
      out.println("   transcript: " + transcript.lines().count() + " lines; the leaked key was "
          + (transcript.contains(LEAKED_KEY) ? "NOT redacted" : "redacted"));

      // 5. The live segment replays into the state the model saw.
      RestoredState state = segments.restore(sessionId, segmentId);
      out.println("5. restored segment: " + state.turnCount() + " turn, "
          + state.history().size() + " history items, system prompt \""
          + state.systemPrompt().orElse("") + "\"");

      out.println("Done. Look around: git -C " + repoDir + " log --stat "
          + "entire/checkpoints/v1; segment file " + segmentFile);
      return new QuickstartResult(repoDir, segmentRoot, sessionId, segmentId,
          commitId, checkpointId);
    }
  }
}
