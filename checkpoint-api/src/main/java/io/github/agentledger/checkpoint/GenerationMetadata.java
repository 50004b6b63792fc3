package io.github.agentledger.checkpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a raw-transcript generation of the v2 layout holds ({@code generation.json}): the ids of
 * its checkpoints, in the order they were added, and the time span they cover. The generation
 * number is not part of it; it comes from the ref name.
 *
 * <p>Immutable and thread-safe; the list is copied.
 *
 * @param checkpoints the checkpoint ids, each once, in the order they were added
 * @param oldestCheckpointAt the time of the first added checkpoint, empty in a fresh generation
 * @param newestCheckpointAt the time of the last added checkpoint, empty in a fresh generation
 */
public record GenerationMetadata(
    List<CheckpointId> checkpoints,
    Optional<Instant> oldestCheckpointAt,
    Optional<Instant> newestCheckpointAt) {

  /**
   * Copies the list and rejects duplicates and nulls.
   *
   * @param checkpoints the checkpoint ids, each once, in the order they were added
   * @param oldestCheckpointAt the time of the first added checkpoint, empty in a fresh generation
   * @param newestCheckpointAt the time of the last added checkpoint, empty in a fresh generation
   */
  public GenerationMetadata {
    checkpoints = List.copyOf(checkpoints);
    if (checkpoints.stream().distinct().count() != checkpoints.size()) {
      throw new IllegalArgumentException("checkpoints must not repeat an id: " + checkpoints);
    }
    Objects.requireNonNull(oldestCheckpointAt, "oldestCheckpointAt");
    Objects.requireNonNull(newestCheckpointAt, "newestCheckpointAt");
  }

  /** {@return the metadata of a fresh generation: no checkpoint, no timestamps} */
  public static GenerationMetadata seed() {
    return new GenerationMetadata(List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * Records a checkpoint written at {@code at}. An id already present changes nothing (the
   * timestamps move only when a new id is added); otherwise it is appended, the newest time
   * becomes {@code at} and the oldest is set when it was empty.
   *
   * @param id the checkpoint
   * @param at when it was written
   * @return the updated metadata ({@code this} when the id was already present)
   */
  public GenerationMetadata withCheckpoint(CheckpointId id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    if (checkpoints.contains(id)) {
      return this;
    }
    List<CheckpointId> ids = new ArrayList<>(checkpoints);
    ids.add(id);
    return new GenerationMetadata(ids, Optional.of(oldestCheckpointAt.orElse(at)), Optional.of(at));
  }
}
