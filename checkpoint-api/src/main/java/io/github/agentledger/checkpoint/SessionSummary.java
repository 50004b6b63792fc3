package io.github.agentledger.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * An AI-generated summary of a session, stored as {@code summary} in the session metadata. Stores
 * redact every text field before writing (paths and line numbers are kept).
 *
 * <p>Immutable and thread-safe; the lists are copied.
 *
 * @param intent what the user wanted
 * @param outcome what was achieved
 * @param learnings learnings by scope
 * @param friction problems met
 * @param openItems unfinished work
 */
public record SessionSummary(
    String intent,
    String outcome,
    Learnings learnings,
    List<String> friction,
    List<String> openItems) {

  /**
   * Rejects nulls and copies the lists.
   *
   * @param intent what the user wanted
   * @param outcome what was achieved
   * @param learnings learnings by scope
   * @param friction problems met
   * @param openItems unfinished work
   */
  public SessionSummary {
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(learnings, "learnings");
    friction = List.copyOf(friction);
    openItems = List.copyOf(openItems);
  }
}
