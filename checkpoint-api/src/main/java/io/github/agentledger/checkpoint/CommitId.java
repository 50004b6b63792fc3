package io.github.agentledger.checkpoint;

import java.util.Locale;
import java.util.Objects;

/**
 * The id of a code commit in the user's repository: 40 (SHA-1) hex characters, stored lowercase.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the 40 lowercase hex characters
 */
public record CommitId(String value) {

  /**
   * Validates and normalises the value to lowercase.
   *
   * @throws InvalidCheckpointRequestException if the value is not 40 hex characters
   *
   * @param value the 40 lowercase hex characters
   */
  public CommitId {
    Objects.requireNonNull(value, "value");
    value = value.toLowerCase(Locale.ROOT);
    if (!value.matches("[0-9a-f]{40}")) {
      throw new InvalidCheckpointRequestException("commit", value, "expected 40 hex characters");
    }
  }

  /**
   * Parses a full commit id.
   *
   * @param text 40 hex characters
   * @return the id
   * @throws InvalidCheckpointRequestException if the text is not 40 hex characters
   */
  public static CommitId parse(String text) {
    return new CommitId(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
