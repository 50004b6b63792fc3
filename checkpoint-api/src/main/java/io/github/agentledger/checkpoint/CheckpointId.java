package io.github.agentledger.checkpoint;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The identifier of a committed checkpoint: exactly 12 lowercase hexadecimal characters (6 random
 * bytes), as the Entire CLI writes them into the {@code Entire-Checkpoint:} trailer.
 *
 * <p>Immutable and thread-safe. Construction is strict: anything but {@code [0-9a-f]{12}} is
 * rejected with an {@link InvalidCheckpointIdException}.
 *
 * @param value the 12 lowercase hex characters
 */
public record CheckpointId(String value) implements Comparable<CheckpointId> {
  private static final int LENGTH = 12;

  /**
   * Validates the value.
   *
   * @throws InvalidCheckpointIdException if {@code value} is not 12 lowercase hex characters
   *
   * @param value the 12 lowercase hex characters
   */
  public CheckpointId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new InvalidCheckpointIdException(value);
    }
  }

  /**
   * Parses an id strictly.
   *
   * @param text the text, exactly 12 lowercase hex characters (no surrounding space)
   * @return the id
   * @throws InvalidCheckpointIdException if {@code text} is not a valid id
   */
  public static CheckpointId parse(String text) {
    return new CheckpointId(text);
  }

  /**
   * Generates a fresh id from 48 random bits. Callers should pass a cryptographically secure
   * source (for example {@link java.security.SecureRandom}) so that ids from different machines do
   * not collide.
   *
   * @param random the random source
   * @return a new id
   */
  public static CheckpointId generate(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    long bits = random.nextLong() & 0xFFFF_FFFF_FFFFL;
    return new CheckpointId(String.format("%012x", bits));
  }

  /**
   * Tells whether a text is a valid id, without throwing.
   *
   * @param text the text to check
   * @return true when {@code text} is exactly 12 lowercase hex characters
   */
  public static boolean isValid(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** {@return the shard directory name: the first two characters} */
  public String shard() {
    return value.substring(0, 2);
  }

  /** {@return the directory name inside the shard: the last ten characters} */
  public String rest() {
    return value.substring(2);
  }

  /** {@return the sharded path {@code <id[0:2]>/<id[2:]>}, without leading or trailing slash} */
  public String shardedPath() {
    return shard() + "/" + rest();
  }

  @Override
  public int compareTo(CheckpointId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
