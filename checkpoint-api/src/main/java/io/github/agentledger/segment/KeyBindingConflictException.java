package io.github.agentledger.segment;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a compare-and-set of a conversation key's binding ({@link SegmentStore#rebindKey})
 * finds the key bound to another session than the caller expected, or unbound: another caller
 * moved or removed it first. Nothing was changed.
 */
public final class KeyBindingConflictException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The key. */
  private final ConversationKey key;

  /** The session the caller expected the key to name. */
  private final SessionId expected;

  /** The session the key named when the change was tried; null when it was unbound. */
  private final @Nullable SessionId actual;

  /**
   * Creates the exception.
   *
   * @param key the key
   * @param expected the session the caller expected the key to name
   * @param actual the session the key named, or empty when it was unbound
   */
  public KeyBindingConflictException(
      ConversationKey key, SessionId expected, Optional<SessionId> actual) {
    super(
        "conversation key '"
            + Objects.requireNonNull(key, "key").value()
            + "' is "
            + actual.map(s -> "bound to session " + s).orElse("unbound")
            + ", not to the expected session "
            + Objects.requireNonNull(expected, "expected")
            + "; nothing was changed",
        null);
    this.key = key;
    this.expected = expected;
    this.actual = actual.orElse(null);
  }

  /** {@return the key} */
  public ConversationKey key() {
    return key;
  }

  /** {@return the session the caller expected the key to name} */
  public SessionId expected() {
    return expected;
  }

  /** {@return the session the key named when the change was tried, empty when it was unbound} */
  public Optional<SessionId> actual() {
    return Optional.ofNullable(actual);
  }
}
