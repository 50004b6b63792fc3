package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void immediatePolicyGivesUpAfterMaxAttemptsWithoutPausing() {
    RetryPolicy policy = RetryPolicy.immediate(3);

    assertThat(policy.delayAfter(1)).contains(Duration.ZERO);
    assertThat(policy.delayAfter(2)).contains(Duration.ZERO);
    assertThat(policy.delayAfter(3)).isEmpty();
  }

  @Test
  void backoffPausesStayWithinTheDoublingCeilingAndTheCap() {
    RetryPolicy policy = RetryPolicy.jitteredBackoff(
        20, Duration.ofMillis(4), Duration.ofMillis(50), new SplittableRandom(7));

    for (int round = 0; round < 200; round++) {
      assertThat(policy.delayAfter(1).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(4));
      assertThat(policy.delayAfter(3).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(16));
      assertThat(policy.delayAfter(19).orElseThrow()).isBetween(Duration.ZERO, Duration.ofMillis(50));
    }
    assertThat(policy.delayAfter(20)).isEmpty();
  }

  @Test
  void backoffActuallyJitters() {
    RetryPolicy policy = RetryPolicy.jitteredBackoff(
        5, Duration.ofMillis(100), Duration.ofMillis(100), new SplittableRandom(1));

    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> policy.delayAfter(1).orElseThrow())
        .distinct()
        .count();

    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void rejectsBoundsOutOfRangeNamingTheValue() {
    assertThatThrownBy(() -> RetryPolicy.immediate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> RetryPolicy.jitteredBackoff(
            3, Duration.ofMillis(10), Duration.ofMillis(1), new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDelay");
    assertThatThrownBy(() -> RetryPolicy.immediate(2).delayAfter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failedAttempts");
  }
}
