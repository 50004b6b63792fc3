package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request to write one session of a committed checkpoint: it creates the session's slot, or
 * replaces it when the same session wrote before, and re-aggregates the checkpoint summary.
 *
 * <p>Immutable and thread-safe; the lists are copied. Build one with {@link #builder}. Text fields
 * that the format omits when empty are empty strings, never null.
 *
 * @param checkpointId the checkpoint
 * @param sessionId the agent session that owns the slot
 * @param strategy the strategy name, {@code manual-commit} by default
 * @param branch the code branch, or empty on a detached HEAD
 * @param transcript the full session transcript (redacted by the store before it is stored)
 * @param prompts the user prompts, in order
 * @param filesTouched the files the session touched
 * @param checkpointsCount the session's step count, not negative
 * @param agent the agent type string (for example {@code Claude Code}), or empty
 * @param model the model, or empty
 * @param turnId the id of the agent turn (12 hex characters), or empty
 * @param tokenUsage token usage, when known
 * @param sessionMetrics hook-reported metrics, when known
 * @param summary an AI summary, when present
 * @param initialAttribution line attribution at commit time, when computed
 * @param isTask whether this is a task (sub-agent) checkpoint
 * @param toolUseId the tool-use id of a task checkpoint, or empty
 * @param transcriptIdentifierAtStart the last transcript message id when the checkpoint started,
 *     or empty
 * @param checkpointTranscriptStart the transcript line where this checkpoint's part begins
 * @param kind the session purpose ({@code agent_review} marks the checkpoint as reviewed), or
 *     empty
 * @param reviewSkills review skills used
 * @param reviewPrompt the review request text, or empty
 * @param ephemeralBranch the shadow branch the checkpoint came from (a commit trailer), or empty
 * @param author the commit author; when empty the store uses the repository's configured user
 * @param createdAt the creation time; when empty the store uses its clock
 * @param context the agent context, stored as the slot's {@code context.md}, when given
 */
public record WriteRequest(
    CheckpointId checkpointId,
    AgentSessionId sessionId,
    String strategy,
    String branch,
    Transcript transcript,
    List<String> prompts,
    List<String> filesTouched,
    long checkpointsCount,
    String agent,
    String model,
    String turnId,
    Optional<TokenUsage> tokenUsage,
    Optional<SessionMetrics> sessionMetrics,
    Optional<SessionSummary> summary,
    Optional<Attribution> initialAttribution,
    boolean isTask,
    String toolUseId,
    String transcriptIdentifierAtStart,
    long checkpointTranscriptStart,
    String kind,
    List<String> reviewSkills,
    String reviewPrompt,
    String ephemeralBranch,
    Optional<Author> author,
    Optional<Instant> createdAt,
    Optional<String> context) {

  private static final Pattern TOOL_USE_ID = Pattern.compile("[a-zA-Z0-9_-]+");

  /** The strategy name the Entire CLI writes. */
  public static final String MANUAL_COMMIT = "manual-commit";

  /** The session kind that marks a checkpoint as reviewed. */
  public static final String AGENT_REVIEW = "agent_review";

  /**
   * Validates the request.
   *
   * @throws InvalidCheckpointRequestException if a value breaks the format's rules
   *
   * @param checkpointId the checkpoint
   * @param sessionId the agent session that owns the slot
   * @param strategy the strategy name, {@code manual-commit} by default
   * @param branch the code branch, or empty on a detached HEAD
   * @param transcript the full session transcript (redacted by the store before it is stored)
   * @param prompts the user prompts, in order
   * @param filesTouched the files the session touched
   * @param checkpointsCount the session's step count, not negative
   * @param agent the agent type string (for example {@code Claude Code}), or empty
   * @param model the model, or empty
   * @param turnId the id of the agent turn (12 hex characters), or empty
   * @param tokenUsage token usage, when known
   * @param sessionMetrics hook-reported metrics, when known
   * @param summary an AI summary, when present
   * @param initialAttribution line attribution at commit time, when computed
   * @param isTask whether this is a task (sub-agent) checkpoint
   * @param toolUseId the tool-use id of a task checkpoint, or empty
   * @param transcriptIdentifierAtStart the last transcript message id when the checkpoint started, or empty
   * @param checkpointTranscriptStart the transcript line where this checkpoint's part begins
   * @param kind the session purpose ({@code agent_review} marks the checkpoint as reviewed), or empty
   * @param reviewSkills review skills used
   * @param reviewPrompt the review request text, or empty
   * @param ephemeralBranch the shadow branch the checkpoint came from (a commit trailer), or empty
   * @param author the commit author; when empty the store uses the repository's configured user
   * @param createdAt the creation time; when empty the store uses its clock
   * @param context the agent context ({@code context.md}), when given
   */
  public WriteRequest {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(strategy, "strategy");
    if (strategy.isEmpty()) {
      throw new InvalidCheckpointRequestException("strategy", strategy, "must not be empty");
    }
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(transcript, "transcript");
    prompts = List.copyOf(prompts);
    filesTouched = List.copyOf(filesTouched);
    TokenUsage.requireNotNegative("checkpointsCount", checkpointsCount);
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(turnId, "turnId");
    if (!turnId.isEmpty() && !CheckpointId.isLegacyHex(turnId)) {
      throw new InvalidCheckpointRequestException("turnId", turnId,
          "must be empty or 12 lowercase hex characters");
    }
    Objects.requireNonNull(tokenUsage, "tokenUsage");
    Objects.requireNonNull(sessionMetrics, "sessionMetrics");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(initialAttribution, "initialAttribution");
    Objects.requireNonNull(toolUseId, "toolUseId");
    if (!toolUseId.isEmpty() && !TOOL_USE_ID.matcher(toolUseId).matches()) {
      throw new InvalidCheckpointRequestException("toolUseId", toolUseId,
          "must match [a-zA-Z0-9_-]+");
    }
    if (isTask && toolUseId.isEmpty()) {
      throw new InvalidCheckpointRequestException("toolUseId", toolUseId,
          "must be set for a task checkpoint");
    }
    Objects.requireNonNull(transcriptIdentifierAtStart, "transcriptIdentifierAtStart");
    TokenUsage.requireNotNegative("checkpointTranscriptStart", checkpointTranscriptStart);
    Objects.requireNonNull(kind, "kind");
    reviewSkills = List.copyOf(reviewSkills);
    Objects.requireNonNull(reviewPrompt, "reviewPrompt");
    Objects.requireNonNull(ephemeralBranch, "ephemeralBranch");
    if (ephemeralBranch.indexOf('\n') >= 0) {
      throw new InvalidCheckpointRequestException("ephemeralBranch", ephemeralBranch,
          "must be a single line");
    }
    if (agent.indexOf('\n') >= 0) {
      throw new InvalidCheckpointRequestException("agent", agent, "must be a single line");
    }
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(context, "context");
  }

  /**
   * A request without agent context.
   *
   * @param checkpointId the checkpoint
   * @param sessionId the agent session that owns the slot
   * @param strategy the strategy name
   * @param branch the code branch, or empty
   * @param transcript the full session transcript
   * @param prompts the user prompts, in order
   * @param filesTouched the files the session touched
   * @param checkpointsCount the session's step count, not negative
   * @param agent the agent type string, or empty
   * @param model the model, or empty
   * @param turnId the id of the agent turn, or empty
   * @param tokenUsage token usage, when known
   * @param sessionMetrics hook-reported metrics, when known
   * @param summary an AI summary, when present
   * @param initialAttribution line attribution at commit time, when computed
   * @param isTask whether this is a task (sub-agent) checkpoint
   * @param toolUseId the tool-use id of a task checkpoint, or empty
   * @param transcriptIdentifierAtStart the last transcript message id at start, or empty
   * @param checkpointTranscriptStart the transcript line where this checkpoint's part begins
   * @param kind the session purpose, or empty
   * @param reviewSkills review skills used
   * @param reviewPrompt the review request text, or empty
   * @param ephemeralBranch the shadow branch the checkpoint came from, or empty
   * @param author the commit author, when not the repository's configured user
   * @param createdAt the creation time, when not the store's clock
   */
  public WriteRequest(CheckpointId checkpointId, AgentSessionId sessionId, String strategy,
      String branch, Transcript transcript, List<String> prompts, List<String> filesTouched,
      long checkpointsCount, String agent, String model, String turnId,
      Optional<TokenUsage> tokenUsage, Optional<SessionMetrics> sessionMetrics,
      Optional<SessionSummary> summary, Optional<Attribution> initialAttribution, boolean isTask,
      String toolUseId, String transcriptIdentifierAtStart, long checkpointTranscriptStart,
      String kind, List<String> reviewSkills, String reviewPrompt, String ephemeralBranch,
      Optional<Author> author, Optional<Instant> createdAt) {
    this(checkpointId, sessionId, strategy, branch, transcript, prompts, filesTouched,
        checkpointsCount, agent, model, turnId, tokenUsage, sessionMetrics, summary,
        initialAttribution, isTask, toolUseId, transcriptIdentifierAtStart,
        checkpointTranscriptStart, kind, reviewSkills, reviewPrompt, ephemeralBranch, author,
        createdAt, Optional.empty());
  }

  /**
   * Starts a request for a session of a checkpoint.
   *
   * @param checkpointId the checkpoint
   * @param sessionId the session
   * @return a builder with every optional field empty and strategy {@code manual-commit}
   */
  public static WriteRequestBuilder builder(CheckpointId checkpointId, AgentSessionId sessionId) {
    return new WriteRequestBuilder(checkpointId, sessionId);
  }

  /** {@return whether this write marks the checkpoint as reviewed} */
  public boolean marksReview() {
    return AGENT_REVIEW.equals(kind);
  }
}
