package io.github.agentledger.examples.modular;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes a segment log and a checkpoint into a directory and reads them back, printing one line
 * per step and the JPMS module each store came from.
 *
 * <p>Run it on the module path: {@code java -p <jars> -m
 * io.github.agentledger.examples.modular/io.github.agentledger.examples.modular.ModularApp <dir>}.
 * Not thread-safe; each run uses its own directory.
 */
public final class ModularApp {
  private ModularApp() {}

  /**
   * Runs the application.
   *
   * @param args one argument: an empty or missing directory to work in
   * @throws Exception if any step fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ModularApp <directory>, got " + args.length
          + " arguments");
    }
    run(Path.of(args[0]), System.out);
  }

  /**
   * Writes a segment and a checkpoint under {@code dir} and prints what it read back.
   *
   * @param dir the directory to work in (created when missing)
   * @param out where the report goes
   * @throws Exception if any step fails
   */
  public static void run(Path dir, PrintStream out) throws Exception {
    out.println("module of JGitCheckpointStore: "
        + JGitCheckpointStore.class.getModule().getName());
    out.println("module of JsonlSegmentStore: " + JsonlSegmentStore.class.getModule().getName());
    out.println("module of Repository: " + Repository.class.getModule().getName());

    JsonlSegmentStore segments = JsonlSegmentStore.open(dir.resolve("segments"),
        Durability.NONE);
    IdGenerator ids = IdGenerator.system();
    SessionId sessionId = ids.newSessionId();
    SegmentId segmentId = ids.newSegmentId();
    long ts = 1_700_000_000_000L;
    segments.create(sessionId, segmentId, List.of(LogEntry.SegmentStart.fresh(ts, sessionId,
        Optional.of("You are a modular agent."), RequestConfig.defaults(), List.of())));
    segments.append(sessionId, segmentId, List.of(new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND)));
    out.println("segment entries: " + segments.restore(sessionId, segmentId).entryCount());

    try (Git git = Git.init().setDirectory(dir.resolve("repo").toFile()).call()) {
      CheckpointStore checkpoints = JGitCheckpointStore.builder(git.getRepository()).build();
      CheckpointId checkpointId = checkpoints.newCheckpointId();
      checkpoints.write(WriteRequest
          .builder(checkpointId, AgentSessionId.of(sessionId.toString()))
          .transcript(Transcript.of("{\"hello\":\"modules\"}\n".getBytes(StandardCharsets.UTF_8)))
          .build());
      String transcript = checkpoints.readLatestSession(checkpointId).orElseThrow()
          .transcript().utf8();
      out.println("checkpoint transcript: " + transcript.strip());
    }
    out.println("files under " + dir.getFileName() + ": "
        + (Files.isDirectory(dir.resolve("repo")) ? "repo" : "no repo") + ", "
        + (Files.isDirectory(dir.resolve("segments")) ? "segments" : "no segments"));
  }
}
