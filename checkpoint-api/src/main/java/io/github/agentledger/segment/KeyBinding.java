package io.github.agentledger.segment;

import java.util.Objects;

/**
 * A conversation key and the session a store maps it to.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the key
 * @param sessionId the session it names
 */
public record KeyBinding(ConversationKey key, SessionId sessionId) {
  /**
   * Validates the components.
   *
   * @param key the key
   * @param sessionId the session it names
   */
  public KeyBinding {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sessionId, "sessionId");
  }
}
