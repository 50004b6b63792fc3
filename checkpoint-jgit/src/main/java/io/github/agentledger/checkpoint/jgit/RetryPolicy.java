package io.github.agentledger.checkpoint.jgit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Decides whether, and after how long, a ref update that lost a compare-and-swap race is tried
 * again from a fresh read of the tip.
 *
 * <p>Only lock failures (another writer moved the ref first) are retried; every other failure is
 * reported at once. Implementations must be safe for use by several threads at once; the factories
 * here return immutable policies (the random source they are given must itself be thread-safe or
 * confined to one store).
 */
public interface RetryPolicy {

  /**
   * Returns the delay before the next attempt, or empty to give up.
   *
   * @param failedAttempts how many attempts have failed so far, at least 1
   * @return the pause before trying again, or empty when no attempt is left
   */
  Optional<Duration> delayAfter(int failedAttempts);

  /**
   * A bounded exponential backoff with full jitter: after the {@code n}-th failure the pause is
   * drawn uniformly from {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, and after
   * {@code maxAttempts} failures the update gives up.
   *
   * @param maxAttempts how many attempts in all, at least 1
   * @param baseDelay the upper bound of the first pause, not negative
   * @param maxDelay the cap on every pause, not shorter than {@code baseDelay}
   * @param random the source of jitter
   * @return the policy
   * @throws IllegalArgumentException if a bound is out of range
   */
  static RetryPolicy jitteredBackoff(
      int maxAttempts, Duration baseDelay, Duration maxDelay, RandomGenerator random) {
    return new JitteredBackoff(maxAttempts, baseDelay, maxDelay, random);
  }

  /**
   * A policy that retries at once, without pausing, up to {@code maxAttempts} attempts in all. Meant
   * for tests and for callers that do their own pacing.
   *
   * @param maxAttempts how many attempts in all, at least 1
   * @return the policy
   * @throws IllegalArgumentException if {@code maxAttempts} is below 1
   */
  static RetryPolicy immediate(int maxAttempts) {
    return new JitteredBackoff(maxAttempts, Duration.ZERO, Duration.ZERO, new ZeroRandom());
  }

  /**
   * The default policy: 12 attempts, pauses from 0 to 5 ms growing to at most 500 ms.
   *
   * @param random the source of jitter
   * @return the policy
   */
  static RetryPolicy defaultPolicy(RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    return jitteredBackoff(12, Duration.ofMillis(5), Duration.ofMillis(500), random);
  }

  /**
   * Pauses a writer between compare-and-swap attempts. Injected so that tests never sleep.
   * Implementations must be safe for use by several threads at once.
   */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Pauses the calling thread.
     *
     * @param duration how long, positive
     * @throws InterruptedException if the thread is interrupted while paused
     */
    void sleep(Duration duration) throws InterruptedException;
  }
}
