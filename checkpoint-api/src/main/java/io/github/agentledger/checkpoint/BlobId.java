package io.github.agentledger.checkpoint;

import java.util.Locale;
import java.util.Objects;

/**
 * The id of a git object (a blob) that a checkpoint names: 40 (SHA-1) hex characters, stored
 * lowercase. Carried by answers about objects that are named in a tree but absent from the local
 * object database (partial clones, pruned mirrors).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the 40 lowercase hex characters
 */
public record BlobId(String value) {

  /**
   * Validates and normalises the value to lowercase.
   *
   * @throws InvalidCheckpointRequestException if the value is not 40 hex characters
   *
   * @param value the 40 lowercase hex characters
   */
  public BlobId {
    Objects.requireNonNull(value, "value");
    value = value.toLowerCase(Locale.ROOT);
    if (!value.matches("[0-9a-f]{40}")) {
      throw new InvalidCheckpointRequestException("blob", value, "expected 40 hex characters");
    }
  }

  /**
   * Parses a full object id.
   *
   * @param text 40 hex characters
   * @return the id
   * @throws InvalidCheckpointRequestException if the text is not 40 hex characters
   */
  public static BlobId parse(String text) {
    return new BlobId(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
