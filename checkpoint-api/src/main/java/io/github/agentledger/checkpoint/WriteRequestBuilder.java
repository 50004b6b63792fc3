package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link WriteRequest}. Not thread-safe; {@link #build()} validates and returns an
 * immutable request.
 */
public final class WriteRequestBuilder {
  private final CheckpointId checkpointId;
  private final AgentSessionId sessionId;
  private String strategy = WriteRequest.MANUAL_COMMIT;
  private String branch = "";
  private Transcript transcript = Transcript.empty();
  private List<String> prompts = List.of();
  private List<String> filesTouched = List.of();
  private long checkpointsCount;
  private String agent = "";
  private String model = "";
  private String turnId = "";
  private Optional<TokenUsage> tokenUsage = Optional.empty();
  private Optional<SessionMetrics> sessionMetrics = Optional.empty();
  private Optional<SessionSummary> summary = Optional.empty();
  private Optional<Attribution> initialAttribution = Optional.empty();
  private boolean isTask;
  private String toolUseId = "";
  private String transcriptIdentifierAtStart = "";
  private long checkpointTranscriptStart;
  private String kind = "";
  private List<String> reviewSkills = List.of();
  private String reviewPrompt = "";
  private String ephemeralBranch = "";
  private Optional<Author> author = Optional.empty();
  private Optional<Instant> createdAt = Optional.empty();
  private Optional<String> context = Optional.empty();

  WriteRequestBuilder(CheckpointId checkpointId, AgentSessionId sessionId) {
    this.checkpointId = Objects.requireNonNull(checkpointId, "checkpointId");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
  }

  /**
   * Sets the strategy name.
   *
   * @param value the strategy, not empty
   * @return this builder
   */
  public WriteRequestBuilder strategy(String value) {
    this.strategy = Objects.requireNonNull(value, "strategy");
    return this;
  }

  /**
   * Sets the code branch.
   *
   * @param value the branch, empty on a detached HEAD
   * @return this builder
   */
  public WriteRequestBuilder branch(String value) {
    this.branch = Objects.requireNonNull(value, "branch");
    return this;
  }

  /**
   * Sets the full session transcript.
   *
   * @param value the transcript
   * @return this builder
   */
  public WriteRequestBuilder transcript(Transcript value) {
    this.transcript = Objects.requireNonNull(value, "transcript");
    return this;
  }

  /**
   * Sets the prompts.
   *
   * @param value the prompts, in order
   * @return this builder
   */
  public WriteRequestBuilder prompts(List<String> value) {
    this.prompts = List.copyOf(value);
    return this;
  }

  /**
   * Sets the touched files.
   *
   * @param value repository-relative paths
   * @return this builder
   */
  public WriteRequestBuilder filesTouched(List<String> value) {
    this.filesTouched = List.copyOf(value);
    return this;
  }

  /**
   * Sets the session's step count.
   *
   * @param value the count, not negative
   * @return this builder
   */
  public WriteRequestBuilder checkpointsCount(long value) {
    this.checkpointsCount = value;
    return this;
  }

  /**
   * Sets the agent type string.
   *
   * @param value for example {@code Claude Code}
   * @return this builder
   */
  public WriteRequestBuilder agent(String value) {
    this.agent = Objects.requireNonNull(value, "agent");
    return this;
  }

  /**
   * Sets the model.
   *
   * @param value the model name
   * @return this builder
   */
  public WriteRequestBuilder model(String value) {
    this.model = Objects.requireNonNull(value, "model");
    return this;
  }

  /**
   * Sets the turn id.
   *
   * @param value 12 lowercase hex characters
   * @return this builder
   */
  public WriteRequestBuilder turnId(String value) {
    this.turnId = Objects.requireNonNull(value, "turnId");
    return this;
  }

  /**
   * Sets the token usage.
   *
   * @param value the usage
   * @return this builder
   */
  public WriteRequestBuilder tokenUsage(TokenUsage value) {
    this.tokenUsage = Optional.of(value);
    return this;
  }

  /**
   * Sets the session metrics.
   *
   * @param value the metrics
   * @return this builder
   */
  public WriteRequestBuilder sessionMetrics(SessionMetrics value) {
    this.sessionMetrics = Optional.of(value);
    return this;
  }

  /**
   * Sets the AI summary.
   *
   * @param value the summary
   * @return this builder
   */
  public WriteRequestBuilder summary(SessionSummary value) {
    this.summary = Optional.of(value);
    return this;
  }

  /**
   * Sets the line attribution computed at commit time.
   *
   * @param value the attribution
   * @return this builder
   */
  public WriteRequestBuilder initialAttribution(Attribution value) {
    this.initialAttribution = Optional.of(value);
    return this;
  }

  /**
   * Marks the write as a task (sub-agent) checkpoint.
   *
   * @param value the tool-use id, matching {@code [a-zA-Z0-9_-]+}
   * @return this builder
   */
  public WriteRequestBuilder task(String value) {
    this.isTask = true;
    this.toolUseId = Objects.requireNonNull(value, "toolUseId");
    return this;
  }

  /**
   * Sets where this checkpoint's part of the transcript begins.
   *
   * @param identifier the last message id at the start, or empty
   * @param lineOffset the line offset, not negative
   * @return this builder
   */
  public WriteRequestBuilder transcriptStart(String identifier, long lineOffset) {
    this.transcriptIdentifierAtStart = Objects.requireNonNull(identifier, "identifier");
    this.checkpointTranscriptStart = lineOffset;
    return this;
  }

  /**
   * Sets the review fields.
   *
   * @param sessionKind the session kind, for example {@code agent_review}
   * @param skills the review skills used
   * @param prompt the review request text
   * @return this builder
   */
  public WriteRequestBuilder review(String sessionKind, List<String> skills, String prompt) {
    this.kind = Objects.requireNonNull(sessionKind, "kind");
    this.reviewSkills = List.copyOf(skills);
    this.reviewPrompt = Objects.requireNonNull(prompt, "reviewPrompt");
    return this;
  }

  /**
   * Sets the shadow branch named in the commit trailer {@code Ephemeral-branch}.
   *
   * @param value the branch name
   * @return this builder
   */
  public WriteRequestBuilder ephemeralBranch(String value) {
    this.ephemeralBranch = Objects.requireNonNull(value, "ephemeralBranch");
    return this;
  }

  /**
   * Sets the commit author.
   *
   * @param value the author
   * @return this builder
   */
  public WriteRequestBuilder author(Author value) {
    this.author = Optional.of(value);
    return this;
  }

  /**
   * Sets the creation time (migration keeps the original time).
   *
   * @param value the time
   * @return this builder
   */
  public WriteRequestBuilder createdAt(Instant value) {
    this.createdAt = Optional.of(value);
    return this;
  }

  /**
   * Sets the agent context stored as the slot's {@code context.md} (redacted by the store).
   *
   * @param value the Markdown text
   * @return this builder
   */
  public WriteRequestBuilder context(String value) {
    this.context = Optional.of(value);
    return this;
  }

  /**
   * Validates and builds the request.
   *
   * @return the request
   * @throws InvalidCheckpointRequestException if a value breaks the format's rules
   */
  public WriteRequest build() {
    return new WriteRequest(checkpointId, sessionId, strategy, branch, transcript, prompts,
        filesTouched, checkpointsCount, agent, model, turnId, tokenUsage, sessionMetrics, summary,
        initialAttribution, isTask, toolUseId, transcriptIdentifierAtStart,
        checkpointTranscriptStart, kind, reviewSkills, reviewPrompt, ephemeralBranch, author,
        createdAt, context);
  }
}
