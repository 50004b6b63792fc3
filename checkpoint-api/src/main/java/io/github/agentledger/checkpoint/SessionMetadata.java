package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of one session slot of a checkpoint ({@code <n>/metadata.json}). Text fields that
 * the format omits when empty are empty strings here, never null.
 *
 * <p>Immutable and thread-safe; the lists are copied.
 *
 * @param cliVersion version of the writing tool, or empty
 * @param checkpointId the checkpoint
 * @param sessionId the agent session
 * @param strategy the strategy that wrote it (normally {@code manual-commit})
 * @param createdAt when the session's checkpoint was written
 * @param branch the code branch, or empty (detached HEAD)
 * @param checkpointsCount the session's step count
 * @param filesTouched files touched by the session
 * @param agent the agent type string (for example {@code Claude Code}), or empty
 * @param model the model, possibly empty (always written)
 * @param turnId the id of the agent turn, or empty
 * @param isTask whether this is a task (sub-agent) checkpoint
 * @param toolUseId the tool-use id of a task checkpoint, or empty
 * @param transcriptIdentifierAtStart the last transcript message id when the checkpoint started,
 *     or empty
 * @param checkpointTranscriptStart the line offset where this checkpoint's part of the transcript
 *     begins, or 0
 * @param transcriptLinesAtStart the deprecated duplicate of {@code checkpointTranscriptStart}
 * @param tokenUsage token usage, when known
 * @param sessionMetrics hook-reported metrics, when known
 * @param summary the AI summary, when present
 * @param initialAttribution line attribution at commit time, when computed
 * @param kind the session purpose (for example {@code agent_review}), or empty
 * @param reviewSkills review skills used
 * @param reviewPrompt the review request text, or empty
 * @param transcriptPath where the agent kept the live transcript ({@code transcript_path}), or
 *     empty
 * @param agents the {@code agents} an older Entire CLI recorded, as text (JSON strings unquoted,
 *     other values as JSON)
 */
public record SessionMetadata(
    String cliVersion,
    CheckpointId checkpointId,
    AgentSessionId sessionId,
    String strategy,
    Instant createdAt,
    String branch,
    long checkpointsCount,
    List<String> filesTouched,
    String agent,
    String model,
    String turnId,
    boolean isTask,
    String toolUseId,
    String transcriptIdentifierAtStart,
    long checkpointTranscriptStart,
    long transcriptLinesAtStart,
    Optional<TokenUsage> tokenUsage,
    Optional<SessionMetrics> sessionMetrics,
    Optional<SessionSummary> summary,
    Optional<Attribution> initialAttribution,
    String kind,
    List<String> reviewSkills,
    String reviewPrompt,
    String transcriptPath,
    List<String> agents) {

  /**
   * Rejects nulls and copies the lists.
   *
   * @param cliVersion version of the writing tool, or empty
   * @param checkpointId the checkpoint
   * @param sessionId the agent session
   * @param strategy the strategy that wrote it (normally {@code manual-commit})
   * @param createdAt when the session's checkpoint was written
   * @param branch the code branch, or empty (detached HEAD)
   * @param checkpointsCount the session's step count
   * @param filesTouched files touched by the session
   * @param agent the agent type string (for example {@code Claude Code}), or empty
   * @param model the model, possibly empty (always written)
   * @param turnId the id of the agent turn, or empty
   * @param isTask whether this is a task (sub-agent) checkpoint
   * @param toolUseId the tool-use id of a task checkpoint, or empty
   * @param transcriptIdentifierAtStart the last transcript message id when the checkpoint started, or empty
   * @param checkpointTranscriptStart the line offset where this checkpoint's part of the transcript begins, or 0
   * @param transcriptLinesAtStart the deprecated duplicate of {@code checkpointTranscriptStart}
   * @param tokenUsage token usage, when known
   * @param sessionMetrics hook-reported metrics, when known
   * @param summary the AI summary, when present
   * @param initialAttribution line attribution at commit time, when computed
   * @param kind the session purpose (for example {@code agent_review}), or empty
   * @param reviewSkills review skills used
   * @param reviewPrompt the review request text, or empty
   * @param transcriptPath where the agent kept the live transcript, or empty
   * @param agents the recorded {@code agents}, as text
   */
  public SessionMetadata {
    Objects.requireNonNull(cliVersion, "cliVersion");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(branch, "branch");
    filesTouched = List.copyOf(filesTouched);
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(turnId, "turnId");
    Objects.requireNonNull(toolUseId, "toolUseId");
    Objects.requireNonNull(transcriptIdentifierAtStart, "transcriptIdentifierAtStart");
    Objects.requireNonNull(tokenUsage, "tokenUsage");
    Objects.requireNonNull(sessionMetrics, "sessionMetrics");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(initialAttribution, "initialAttribution");
    Objects.requireNonNull(kind, "kind");
    reviewSkills = List.copyOf(reviewSkills);
    Objects.requireNonNull(reviewPrompt, "reviewPrompt");
    Objects.requireNonNull(transcriptPath, "transcriptPath");
    agents = List.copyOf(agents);
  }

  /**
   * Metadata without {@code transcript_path} and {@code agents}.
   *
   * @param cliVersion version of the writing tool, or empty
   * @param checkpointId the checkpoint
   * @param sessionId the agent session
   * @param strategy the strategy that wrote it
   * @param createdAt when the session's checkpoint was written
   * @param branch the code branch, or empty
   * @param checkpointsCount the session's step count
   * @param filesTouched files touched by the session
   * @param agent the agent type string, or empty
   * @param model the model, possibly empty
   * @param turnId the id of the agent turn, or empty
   * @param isTask whether this is a task (sub-agent) checkpoint
   * @param toolUseId the tool-use id of a task checkpoint, or empty
   * @param transcriptIdentifierAtStart the last transcript message id at start, or empty
   * @param checkpointTranscriptStart where this checkpoint's part of the transcript begins, or 0
   * @param transcriptLinesAtStart the deprecated duplicate of {@code checkpointTranscriptStart}
   * @param tokenUsage token usage, when known
   * @param sessionMetrics hook-reported metrics, when known
   * @param summary the AI summary, when present
   * @param initialAttribution line attribution at commit time, when computed
   * @param kind the session purpose, or empty
   * @param reviewSkills review skills used
   * @param reviewPrompt the review request text, or empty
   */
  public SessionMetadata(String cliVersion, CheckpointId checkpointId, AgentSessionId sessionId,
      String strategy, Instant createdAt, String branch, long checkpointsCount,
      List<String> filesTouched, String agent, String model, String turnId, boolean isTask,
      String toolUseId, String transcriptIdentifierAtStart, long checkpointTranscriptStart,
      long transcriptLinesAtStart, Optional<TokenUsage> tokenUsage,
      Optional<SessionMetrics> sessionMetrics, Optional<SessionSummary> summary,
      Optional<Attribution> initialAttribution, String kind, List<String> reviewSkills,
      String reviewPrompt) {
    this(cliVersion, checkpointId, sessionId, strategy, createdAt, branch, checkpointsCount,
        filesTouched, agent, model, turnId, isTask, toolUseId, transcriptIdentifierAtStart,
        checkpointTranscriptStart, transcriptLinesAtStart, tokenUsage, sessionMetrics, summary,
        initialAttribution, kind, reviewSkills, reviewPrompt, "", List.of());
  }

  /**
   * {@return where this checkpoint's part of the transcript begins: {@code
   * checkpointTranscriptStart} when positive, else the deprecated {@code transcriptLinesAtStart}}
   */
  public long transcriptStart() {
    return checkpointTranscriptStart > 0 ? checkpointTranscriptStart : transcriptLinesAtStart;
  }

  /**
   * Returns a copy with another summary.
   *
   * @param newSummary the summary to set
   * @return the copy
   */
  public SessionMetadata withSummary(SessionSummary newSummary) {
    return new SessionMetadata(cliVersion, checkpointId, sessionId, strategy, createdAt, branch,
        checkpointsCount, filesTouched, agent, model, turnId, isTask, toolUseId,
        transcriptIdentifierAtStart, checkpointTranscriptStart, transcriptLinesAtStart, tokenUsage,
        sessionMetrics, Optional.of(newSummary), initialAttribution, kind, reviewSkills,
        reviewPrompt, transcriptPath, agents);
  }
}
