package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * An archived raw-transcript generation of the v2 layout: its number (from the ref name
 * {@code refs/entire/checkpoints/v2/full/<13 digits>}) and what its {@code generation.json} says.
 * When an archive has no {@code generation.json} (or one without a checkpoint list, as later
 * upstream versions write it) the checkpoints are those whose directories it holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number the generation number, at least 1
 * @param metadata the checkpoints it holds and the time span they cover
 */
public record ArchivedGeneration(long number, GenerationMetadata metadata) {

  /**
   * Rejects numbers below 1 and nulls.
   *
   * @param number the generation number, at least 1
   * @param metadata the checkpoints it holds and the time span they cover
   */
  public ArchivedGeneration {
    if (number < 1) {
      throw new IllegalArgumentException("number must be at least 1, got " + number);
    }
    Objects.requireNonNull(metadata, "metadata");
  }
}
