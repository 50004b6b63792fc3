package io.github.agentledger.segment;

import java.util.Objects;

/**
 * The id a framework or a model gave a message ({@code msg_...}, a LangChain4j or Spring AI
 * message id), kept so that a message is recognised after replay. Not minted by the library.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the id, not blank
 */
public record MessageId(String value) {
  /**
   * Validates the id.
   *
   * @param value the id, not blank
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public MessageId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("message id is blank");
    }
  }

  /**
   * Creates an id.
   *
   * @param value the id, not blank
   * @return the id
   */
  public static MessageId of(String value) {
    return new MessageId(value);
  }

  /** {@return the id} */
  @Override
  public String toString() {
    return value;
  }
}
