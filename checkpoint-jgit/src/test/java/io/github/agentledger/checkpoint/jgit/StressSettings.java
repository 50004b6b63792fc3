package io.github.agentledger.checkpoint.jgit;

import java.time.Clock;
import java.util.SplittableRandom;
import org.eclipse.jgit.lib.Repository;

/** Sizes of the stress tests (system properties passed through by surefire) and their stores. */
final class StressSettings {
  private StressSettings() {}

  static int scale() {
    return Integer.getInteger("agentledger.stress.scale", 1);
  }

  /**
   * A store for contention: jittered backoff decides when to retry, but the sleeper only yields
   * the processor, so no test sleeps.
   */
  static JGitCheckpointStore contendedStore(Repository repository, long seed) {
    return JGitCheckpointStore.builder(repository)
        .clock(Clock.systemUTC())
        .random(new SplittableRandom(seed))
        .retryPolicy(RetryPolicy.jitteredBackoff(100_000, java.time.Duration.ofNanos(1),
            java.time.Duration.ofMillis(1), new java.util.SplittableRandom(seed)))
        .sleeper(duration -> Thread.yield())
        .build();
  }
}
