package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The identifier of a committed checkpoint, of one of two {@linkplain Kind kinds}: a legacy id of
 * exactly 12 lowercase hexadecimal characters (6 random bytes), or a 26-character ULID (48 bits of
 * Unix milliseconds then 80 random bits, in Crockford base32, upper case), which the Entire CLI
 * mints for checkpoints stored under the git-refs layout. Either kind appears in the
 * {@code Entire-Checkpoint:} trailer.
 *
 * <p>Immutable and thread-safe. Construction is strict, and the case rules are part of the format:
 * a legacy id is lower case only, a ULID upper case only, and a ULID's first character is
 * {@code 0}–{@code 7} (a larger one would overflow 48 bits of time). Crockford's lenient aliases
 * ({@code I}, {@code L}, {@code O}, lower case) are rejected because no writer emits them and the
 * id is also a ref name. Anything else is rejected with an {@link InvalidCheckpointIdException}.
 *
 * @param value the id's text, canonical for its kind
 */
public record CheckpointId(String value) implements Comparable<CheckpointId> {
  /** The length of a legacy hex id. */
  public static final int LEGACY_LENGTH = 12;
  /** The length of a ULID id. */
  public static final int ULID_LENGTH = 26;

  /** The two kinds of checkpoint id. */
  public enum Kind {
    /** 12 lowercase hex characters: every v1 and v2 checkpoint, and refs made by migration. */
    LEGACY_HEX,
    /** A 26-character Crockford base32 ULID, upper case: new checkpoints of the git-refs layout. */
    ULID
  }

  /**
   * Validates the value.
   *
   * @throws InvalidCheckpointIdException if {@code value} is neither a legacy hex id nor a ULID
   *
   * @param value the id's text
   */
  public CheckpointId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new InvalidCheckpointIdException(value);
    }
  }

  /**
   * Parses an id of either kind strictly.
   *
   * @param text 12 lowercase hex characters or a canonical ULID (no surrounding space)
   * @return the id
   * @throws InvalidCheckpointIdException if {@code text} is not a valid id
   */
  public static CheckpointId parse(String text) {
    return new CheckpointId(text);
  }

  /**
   * Looks an id up in a text without throwing.
   *
   * @param text the text, possibly not an id
   * @return the id, or empty when {@code text} is not a valid id of either kind
   */
  public static Optional<CheckpointId> tryParse(String text) {
    return isValid(text) ? Optional.of(new CheckpointId(text)) : Optional.empty();
  }

  /**
   * Generates a fresh legacy hex id from 48 random bits. Callers should pass a cryptographically
   * secure source (for example {@link java.security.SecureRandom}) so that ids from different
   * machines do not collide. ULIDs come from a {@link UlidGenerator}.
   *
   * @param random the random source
   * @return a new legacy hex id
   */
  public static CheckpointId generate(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    long bits = random.nextLong() & 0xFFFF_FFFF_FFFFL;
    return new CheckpointId(String.format("%012x", bits));
  }

  /**
   * Tells whether a text is a valid id of either kind, without throwing.
   *
   * @param text the text to check, possibly null
   * @return true when {@code text} is a legacy hex id or a canonical ULID
   */
  public static boolean isValid(String text) {
    return isLegacyHex(text) || isUlid(text);
  }

  /**
   * Tells whether a text is a legacy id: exactly 12 lowercase hex characters. Also the format of
   * a session's {@code turn_id}.
   *
   * @param text the text to check, possibly null
   * @return true when {@code text} matches {@code [0-9a-f]{12}}
   */
  public static boolean isLegacyHex(String text) {
    if (text == null || text.length() != LEGACY_LENGTH) {
      return false;
    }
    for (int i = 0; i < LEGACY_LENGTH; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a text is a canonical ULID: 26 characters of the Crockford base32 alphabet
   * {@code 0-9 A-Z} without {@code I L O U}, upper case, the first one {@code 0}–{@code 7}.
   *
   * @param text the text to check, possibly null
   * @return true when {@code text} is a canonical ULID
   */
  public static boolean isUlid(String text) {
    if (text == null || text.length() != ULID_LENGTH || text.charAt(0) > '7') {
      return false;
    }
    for (int i = 0; i < ULID_LENGTH; i++) {
      if (Crockford.decode(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@return which kind of id this is} */
  public Kind kind() {
    return value.length() == ULID_LENGTH ? Kind.ULID : Kind.LEGACY_HEX;
  }

  /**
   * The creation time a ULID carries in its first ten characters (Unix milliseconds).
   *
   * @return the instant, or empty for a legacy hex id, which carries no time
   */
  public Optional<Instant> ulidTime() {
    if (kind() != Kind.ULID) {
      return Optional.empty();
    }
    long millis = 0;
    for (int i = 0; i < 10; i++) {
      millis = (millis << 5) | Crockford.decode(value.charAt(i));
    }
    return Optional.of(Instant.ofEpochMilli(millis));
  }

  /**
   * {@return the shard of the git-refs layout: the last two characters, for both kinds} A ULID's
   * leading characters are its time, so only its tail spreads refs evenly.
   */
  public String refShard() {
    return value.substring(value.length() - 2);
  }

  /** {@return the shard directory of the v1 and v2 trees: the first two characters} */
  public String shard() {
    return value.substring(0, 2);
  }

  /** {@return the directory name inside the v1/v2 shard: everything after the first two} */
  public String rest() {
    return value.substring(2);
  }

  /** {@return the sharded path {@code <id[0:2]>/<id[2:]>} of the v1 and v2 trees, no slashes around} */
  public String shardedPath() {
    return shard() + "/" + rest();
  }

  /**
   * Orders ids by their text. Among ULIDs this is creation order (to the millisecond, then by the
   * random part); legacy ids carry no order.
   */
  @Override
  public int compareTo(CheckpointId other) {
    return value.compareTo(other.value);
  }

  /** {@return whether {@code other} is an id with the same text} */
  @Override
  public boolean equals(@Nullable Object other) {
    // Written out (as the record would compare): the generated form links a method handle the
    // first time it runs, start-up a short process pays for nothing.
    return other instanceof CheckpointId id && value.equals(id.value);
  }

  /** {@return the hash of the id's text} */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
