package io.github.agentledger.checkpoint.jgit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Bounded exponential backoff with full jitter; see {@link RetryPolicy#jitteredBackoff}. */
final class JitteredBackoff implements RetryPolicy {
  private final int maxAttempts;
  private final long baseNanos;
  private final long maxNanos;
  private final RandomGenerator random;

  JitteredBackoff(int maxAttempts, Duration baseDelay, Duration maxDelay, RandomGenerator random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must not be negative, got " + baseDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be shorter than baseDelay " + baseDelay);
    }
    this.maxAttempts = maxAttempts;
    this.baseNanos = baseDelay.toNanos();
    this.maxNanos = maxDelay.toNanos();
    this.random = Objects.requireNonNull(random, "random");
  }

  @Override
  public Optional<Duration> delayAfter(int failedAttempts) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
    }
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    int shift = Math.min(failedAttempts - 1, 62);
    long ceiling = baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
    long pause = ceiling == 0 ? 0 : random.nextLong(ceiling + 1);
    return Optional.of(Duration.ofNanos(pause));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", base=" + Duration.ofNanos(baseNanos)
        + ", max=" + Duration.ofNanos(maxNanos) + "]";
  }
}
