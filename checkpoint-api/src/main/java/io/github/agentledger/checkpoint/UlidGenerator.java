package io.github.agentledger.checkpoint;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Mints ULID checkpoint ids (the kind the git-refs layout uses), strictly increasing within one
 * generator.
 *
 * <p>A ULID is 48 bits of Unix milliseconds followed by 80 random bits, written as 26 Crockford
 * base32 characters in upper case, so that ids sort by creation time. In a new millisecond the 80
 * bits are fresh random; when the clock has not moved forward (several ids in one millisecond, or
 * a clock that went backwards) the previous id's 80 bits are incremented by one instead, so every
 * id is greater than the one before. If they run out, the timestamp advances by one millisecond.
 *
 * <p>Thread-safe: minting is synchronized.
 */
public final class UlidGenerator {
  private static final long MAX_MILLIS = (1L << 48) - 1;

  private final Clock clock;
  private final RandomGenerator random;
  private long lastMillis = -1;
  private int randomHigh; // top 16 of the 80 random bits
  private long randomLow; // bottom 64

  private UlidGenerator(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Creates a generator from an injected clock and random source.
   *
   * @param clock the source of milliseconds
   * @param random the source of the random bits; it is called under the generator's lock, so it
   *     need not be thread-safe unless it is shared elsewhere; pass a cryptographically secure one
   *     in production so that ids of different machines do not collide
   * @return a new generator
   */
  public static UlidGenerator create(Clock clock, RandomGenerator random) {
    return new UlidGenerator(clock, random);
  }

  /** {@return a generator on the system UTC clock and a {@link SecureRandom}} */
  public static UlidGenerator system() {
    return new UlidGenerator(Clock.systemUTC(), new SecureRandom());
  }

  /**
   * Mints the next id.
   *
   * @return a ULID greater than every id this generator minted before
   * @throws IllegalStateException if the clock reads outside the 48-bit millisecond range
   */
  public synchronized CheckpointId next() {
    long now = clock.millis();
    if (now < 0 || now > MAX_MILLIS) {
      throw new IllegalStateException("clock millis " + now + " outside the ULID range 0.."
          + MAX_MILLIS);
    }
    if (now > lastMillis) {
      lastMillis = now;
      freshRandom();
    } else {
      randomLow++;
      if (randomLow == 0) {
        randomHigh = (randomHigh + 1) & 0xFFFF;
        if (randomHigh == 0) {
          if (lastMillis == MAX_MILLIS) {
            throw new IllegalStateException("ULID space of millisecond " + MAX_MILLIS
                + " exhausted");
          }
          lastMillis++;
          freshRandom();
        }
      }
    }
    return new CheckpointId(encode(lastMillis, randomHigh, randomLow));
  }

  private void freshRandom() {
    randomHigh = random.nextInt() & 0xFFFF;
    randomLow = random.nextLong();
  }

  static String encode(long millis, int high16, long low64) {
    long msb = (millis << 16) | (high16 & 0xFFFFL);
    char[] out = new char[CheckpointId.ULID_LENGTH];
    for (int i = 0; i < out.length; i++) {
      int position = 125 - 5 * i; // the lowest bit of character i in the 130-bit number
      out[i] = Crockford.encode(fiveBitsAt(msb, low64, position));
    }
    return new String(out);
  }

  private static int fiveBitsAt(long msb, long lsb, int position) {
    if (position >= 64) {
      return (int) (msb >>> (position - 64)) & 31;
    }
    if (position + 5 <= 64) {
      return (int) (lsb >>> position) & 31;
    }
    return (int) ((lsb >>> position) | (msb << (64 - position))) & 31;
  }
}
