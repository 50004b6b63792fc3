package io.github.agentledger.segment;

import java.util.Objects;

/**
 * The name a framework gives a conversation ({@code memoryId}, {@code conversationId}, ADK's
 * app/user/session), mapped by a {@link SegmentStore} to one session.
 *
 * <p>Any text of 1 to {@value #MAX_LENGTH} characters that is valid Unicode (no lone surrogate,
 * no NUL). Immutable and thread-safe.
 *
 * @param value the key
 */
public record ConversationKey(String value) {
  /** The longest key accepted, in chars. */
  public static final int MAX_LENGTH = 1024;

  /**
   * Validates the key.
   *
   * @param value the key
   * @throws IllegalArgumentException if it is empty, longer than {@value #MAX_LENGTH} chars, or
   *     holds a NUL or a lone surrogate
   */
  public ConversationKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "conversation key length " + value.length() + " is not within 1.." + MAX_LENGTH);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("conversation key holds a NUL at char " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("conversation key holds a lone surrogate at char " + i);
      }
    }
  }

  /**
   * Creates a key.
   *
   * @param value the key
   * @return the key
   */
  public static ConversationKey of(String value) {
    return new ConversationKey(value);
  }

  /** {@return the key} */
  @Override
  public String toString() {
    return value;
  }
}
