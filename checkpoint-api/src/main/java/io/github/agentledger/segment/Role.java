package io.github.agentledger.segment;

/** The author of a history message. */
public enum Role {
  /** The user. */
  USER("user"),
  /** The model. */
  ASSISTANT("assistant"),
  /** The agent framework (system prompt additions, notifications, summaries). */
  SYSTEM("system");

  /** The name written in the log. */
  private final String wireName;

  Role(String wireName) {
    this.wireName = wireName;
  }

  /** {@return the name written in the log} */
  public String wireName() {
    return wireName;
  }
}
