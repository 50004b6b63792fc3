package io.github.agentledger.checkpoint;

/**
 * Which raw-transcript generation of the v2 layout holds a checkpoint: the active one
 * ({@code /full/current}) or a numbered archive. Immutable and thread-safe.
 */
public sealed interface GenerationLocation
    permits GenerationLocation.Current, GenerationLocation.Archived {

  /** {@return the active generation} */
  static GenerationLocation current() {
    return new Current();
  }

  /**
   * The archive with the given number.
   *
   * @param number the generation number, at least 1
   * @return the location
   * @throws IllegalArgumentException if the number is below 1
   */
  static GenerationLocation archived(long number) {
    return new Archived(number);
  }

  /** The active generation, {@code refs/entire/checkpoints/v2/full/current}. */
  record Current() implements GenerationLocation {}

  /**
   * An archived generation, {@code refs/entire/checkpoints/v2/full/<13 digits>}.
   *
   * @param number the generation number, at least 1
   */
  record Archived(long number) implements GenerationLocation {
    /**
     * Rejects numbers below 1.
     *
     * @param number the generation number, at least 1
     */
    public Archived {
      if (number < 1) {
        throw new IllegalArgumentException("number must be at least 1, got " + number);
      }
    }
  }
}
