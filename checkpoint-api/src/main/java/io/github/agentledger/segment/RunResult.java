package io.github.agentledger.segment;

/** How a run ended normally, as logged by {@code run_completed}. */
public enum RunResult {
  /** The model finished the turn. */
  FINISHED("finished"),
  /** The run was paused, for example by an interceptor. */
  PAUSED("paused"),
  /** A limit (turns, tokens) was reached. */
  LIMIT_REACHED("limit_reached"),
  /** The engine yielded so that compaction can run. */
  YIELDED("yielded");

  /** The name written in the log. */
  private final String wireName;

  RunResult(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the name written in the log} */
  public String wireName() {
    return wireName;
  }
}
