package io.github.agentledger.segment;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Mints session and segment ids as UUID version 7 (RFC 9562), strictly increasing within one
 * generator.
 *
 * <p>Layout: 48 bits of Unix milliseconds, the version, a 42-bit counter spread over {@code rand_a}
 * and the top of {@code rand_b}, the variant, and 32 random bits (RFC 9562 §6.2, method 1). The
 * counter starts at a random value below 2<sup>41</sup> in every new millisecond and is incremented
 * when the clock has not moved forward, so ids stay strictly increasing even when several are
 * minted in one millisecond or the clock goes backwards; if the counter runs out, the timestamp is
 * advanced by one millisecond.
 *
 * <p>Thread-safe: minting is synchronized.
 */
public final class IdGenerator {
  private static final long COUNTER_LIMIT = 1L << 42;
  private static final long MAX_MILLIS = (1L << 48) - 1;

  private final Clock clock;
  private final RandomGenerator random;
  private long lastMillis = -1;
  private long counter;

  private IdGenerator(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Creates a generator from an injected clock and random source.
   *
   * @param clock the source of milliseconds
   * @param random the source of the random bits; must not be shared with other threads unless it is
   *     itself thread-safe (the generator calls it under its own lock)
   * @return a new generator
   */
  public static IdGenerator create(Clock clock, RandomGenerator random) {
    return new IdGenerator(clock, random);
  }

  /** {@return a generator on the system UTC clock and a {@link SecureRandom}} */
  public static IdGenerator system() {
    return new IdGenerator(Clock.systemUTC(), new SecureRandom());
  }

  /** {@return a new session id, greater than every id this generator minted before} */
  public SessionId newSessionId() {
    return new SessionId(nextUuid());
  }

  /** {@return a new segment id, greater than every id this generator minted before} */
  public SegmentId newSegmentId() {
    return new SegmentId(nextUuid());
  }

  synchronized UUID nextUuid() {
    long now = clock.millis();
    if (now < 0 || now > MAX_MILLIS) {
      throw new IllegalStateException("clock millis " + now + " outside the UUIDv7 range");
    }
    if (now > lastMillis) {
      lastMillis = now;
      counter = freshCounter();
    } else {
      counter++;
      if (counter >= COUNTER_LIMIT) {
        lastMillis++;
        counter = freshCounter();
      }
    }
    long msb = (lastMillis << 16) | 0x7000L | (counter >>> 30);
    long lsb =
        0x8000_0000_0000_0000L
            | ((counter & 0x3FFF_FFFFL) << 32)
            | (random.nextInt() & 0xFFFF_FFFFL);
    return new UUID(msb, lsb);
  }

  private long freshCounter() {
    return random.nextLong() >>> 23;
  }
}
