package io.github.agentledger.checkpoint.jgit;

import java.util.random.RandomGenerator;

/** A random source that is never consulted with a non-zero bound; used by the no-pause policy. */
final class ZeroRandom implements RandomGenerator {
  @Override
  public long nextLong() {
    return 0L;
  }
}
