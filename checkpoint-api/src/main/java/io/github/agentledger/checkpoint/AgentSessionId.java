package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * The id of an agent session as the agent reports it (for Claude Code a UUID; older data uses
 * date-prefixed ids): an opaque, non-empty string without {@code /} or {@code \}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the session id
 */
public record AgentSessionId(String value) {

  /**
   * Validates the value.
   *
   * @throws InvalidCheckpointRequestException if the value is empty or contains a path separator
   *
   * @param value the session id
   */
  public AgentSessionId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
      throw new InvalidCheckpointRequestException(
          "sessionId", value, "must be non-empty and contain neither '/' nor '\\'");
    }
  }

  /**
   * Wraps a session id.
   *
   * @param value the session id
   * @return the id
   * @throws InvalidCheckpointRequestException if the value is empty or contains a path separator
   */
  public static AgentSessionId of(String value) {
    return new AgentSessionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
