package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The settings every layout's store shares, fixed at build time.
 *
 * @param clock times commits and {@code created_at}
 * @param random generates checkpoint ids; calls are synchronized on it
 * @param redactor cleans transcripts, prompts and summaries before they are stored
 * @param cliVersion the {@code cli_version} written into metadata, or empty to omit it
 * @param maxChunkBytes the transcript chunk limit (50 MiB; smaller only in tests)
 */
record StoreSettings(
    Clock clock, RandomGenerator random, Redactor redactor, String cliVersion, int maxChunkBytes) {
  /** Generates a checkpoint id; safe from any thread. */
  CheckpointId newCheckpointId() {
    synchronized (random) {
      return CheckpointId.generate(random);
    }
  }

  StoreSettings {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(redactor, "redactor");
    Objects.requireNonNull(cliVersion, "cliVersion");
    if (maxChunkBytes < 2) {
      throw new IllegalArgumentException("maxChunkBytes must be at least 2, got " + maxChunkBytes);
    }
  }
}
