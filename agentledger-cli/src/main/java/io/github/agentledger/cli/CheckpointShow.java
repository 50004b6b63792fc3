package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.ContentHashCheck;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code checkpoints show}: every layout that holds the checkpoint, its summary and the first
 * {@code --sessions} session slots the summary names (the others are counted, never read, so
 * showing a checkpoint of 200 000 sessions costs its summary and what is shown). A read that
 * fails (an object missing from the object database, a file that does not parse) becomes a
 * problem in the report and the next read goes on. Every stored field printed for a human goes
 * through {@link Terminal#safe}; the JSON output carries it exactly.
 */
final class CheckpointShow {
  private static final int WIDTH = 120;
  private final OutputOptions output;
  private final int headLines;
  private final int maxSessions;

  CheckpointShow(OutputOptions output, int headLines, int maxSessions) {
    this.output = output;
    this.headLines = headLines;
    this.maxSessions = maxSessions;
  }

  int show(CheckpointId id, List<LayoutView> views) {
    List<Object> layouts = new ArrayList<>();
    boolean anyProblem = false;
    boolean found = false;
    for (LayoutView view : views) {
      Map<String, Object> layout = new LinkedHashMap<>();
      List<Object> problems = new ArrayList<>();
      Optional<CheckpointSummaryHead> summary;
      try {
        // Reads the summary's fields and the sessions shown; the others are only counted.
        summary = view.store().readSummaryHead(id, maxSessions);
      } catch (CheckpointException e) {
        summary = Optional.empty();
        problems.add(Checkpoints.problem("summary", e.getMessage()));
        output.line("checkpoint " + id + " (" + view.name() + "): summary unreadable: "
            + Terminal.safe(String.valueOf(e.getMessage())));
      }
      if (summary.isEmpty() && problems.isEmpty()) {
        continue;
      }
      found = true;
      layout.put("layout", view.name());
      layout.put("summary", summary.map(CheckpointShow::summary));
      List<Object> sessions = new ArrayList<>();
      int notShown = 0;
      if (summary.isPresent()) {
        printSummary(view.name(), summary.get());
        for (SessionPaths session : summary.get().summary().sessions()) {
          sessions.add(session(view, id, session.slot(), problems));
        }
        notShown = summary.get().sessionCount() - sessions.size();
        if (notShown > 0) {
          output.line("  " + Report.plural(notShown, "more session") + " not shown (--sessions "
              + summary.get().sessionCount() + " shows them all)");
        }
        try {
          view.store().checkpointAuthor(id).ifPresent(author -> output.line("  written by "
              + Terminal.safe(author.name()) + " <" + Terminal.safe(author.email()) + ">"));
        } catch (CheckpointException e) {
          problems.add(Checkpoints.problem("author", e.getMessage()));
        }
      }
      layout.put("sessions", sessions);
      layout.put("sessions_not_shown", notShown);
      layout.put("problems", problems);
      anyProblem |= !problems.isEmpty();
      layouts.add(layout);
    }
    if (!found) {
      output.line("checkpoint " + id + " not found in "
          + views.stream().map(LayoutView::name).toList());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id.value());
    json.put("found", found);
    json.put("layouts", layouts);
    output.json(json);
    return found && !anyProblem ? Exit.OK : Exit.PROBLEM;
  }

  private Map<String, Object> session(LayoutView view, CheckpointId id, int slot,
      List<Object> problems) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("slot", slot);
    Optional<SessionContent> content;
    try {
      content = view.store().readSession(id, slot);
    } catch (CheckpointException e) {
      String message = "slot " + slot + ": " + e.getMessage();
      problems.add(Checkpoints.problem("session " + slot, e.getMessage()));
      output.line("  session " + slot + ": unreadable: " + Terminal.safe(message));
      row.put("readable", false);
      return row;
    }
    if (content.isEmpty()) {
      problems.add(Checkpoints.problem("session " + slot,
          "the summary names slot " + slot + " but it does not exist"));
      output.line("  session " + slot + ": missing (named by the summary)");
      row.put("readable", false);
      return row;
    }
    SessionContent session = content.get();
    SessionMetadata metadata = session.metadata();
    List<String> lines = session.transcript().utf8().lines().toList();
    row.put("readable", true);
    row.put("session_id", metadata.sessionId().toString());
    row.put("created_at", metadata.createdAt().toString());
    row.put("agent", metadata.agent());
    row.put("model", metadata.model());
    row.put("prompts", session.prompts());
    row.put("transcript_bytes", session.transcript().size());
    row.put("transcript_lines", lines.size());
    row.put("transcript_available", session.transcriptNotAvailable().isEmpty());
    row.put("has_context", session.hasContext());
    row.put("content_hash", hashState(session.verifyContentHash()));
    session.transcriptNotAvailable().ifPresent(missing -> problems.add(Checkpoints.problem(
        "session " + slot, missingMessage(missing))));
    if (session.verifyContentHash() instanceof ContentHashCheck.Mismatch mismatch) {
      problems.add(Checkpoints.problem("session " + slot, "stored content hash "
          + mismatch.stored().strip() + " but the transcript hashes to " + mismatch.computed()));
    }
    output.line("  session " + slot + ": " + Terminal.safe(metadata.sessionId().toString())
        + ", created " + metadata.createdAt()
        + (metadata.agent().isEmpty() ? "" : ", agent " + Terminal.safe(metadata.agent()))
        + (metadata.model().isEmpty() ? "" : ", model " + Terminal.safe(metadata.model())));
    output.line("    prompts (" + session.prompts().size() + "):");
    session.prompts().forEach(prompt -> output.line("      - " + Terminal.cut(prompt, WIDTH)));
    output.line("    context.md: " + (session.hasContext() ? "present" : "absent"));
    if (session.transcriptNotAvailable().isPresent()) {
      output.line("    transcript: not available: "
          + Terminal.safe(missingMessage(session.transcriptNotAvailable().get())));
    } else {
      output.line("    transcript: " + lines.size() + " lines, " + session.transcript().size()
          + " bytes, content hash " + hashState(session.verifyContentHash()).replace('_', ' '));
    }
    lines.stream().limit(headLines).forEach(line -> output.line("      " + Terminal.cut(line, WIDTH)));
    return row;
  }

  private void printSummary(String layout, CheckpointSummaryHead head) {
    CheckpointSummary summary = head.summary();
    output.line("checkpoint " + summary.checkpointId() + " (" + layout + ")");
    output.line("  strategy " + Terminal.safe(summary.strategy())
        + (summary.branch().isEmpty() ? "" : ", branch " + Terminal.safe(summary.branch()))
        + ", " + Report.plural(summary.checkpointsCount(), "step") + ", "
        + Report.plural(head.sessionCount(), "session")
        + (summary.hasReview() ? ", reviewed" : ""));
    output.line("  files " + Terminal.cut(String.join(", ", summary.filesTouched()), WIDTH));
  }

  private static Map<String, Object> summary(CheckpointSummaryHead head) {
    CheckpointSummary summary = head.summary();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("cli_version", summary.cliVersion());
    row.put("strategy", summary.strategy());
    row.put("branch", summary.branch());
    row.put("checkpoints_count", summary.checkpointsCount());
    row.put("files_touched", summary.filesTouched());
    row.put("session_count", head.sessionCount());
    row.put("has_review", summary.hasReview());
    return row;
  }

  /** {@return the outcome of the library's content-hash check as the JSON names it} */
  static String hashState(ContentHashCheck check) {
    if (check instanceof ContentHashCheck.Matches) {
      return "matches";
    } else if (check instanceof ContentHashCheck.Mismatch) {
      return "mismatch";
    } else if (check instanceof ContentHashCheck.NotStored) {
      return "not_stored";
    }
    return "not_available";
  }

  /** {@return a missing transcript object as one line: which object, where} */
  static String missingMessage(TranscriptNotAvailable missing) {
    return "transcript object " + missing.blob().value() + " at " + missing.path()
        + " is not in the local object database";
  }
}
