package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;

/**
 * Commit messages of the v2 refs (docs/checkpoint-format.md#the-v2-layout,
 * docs/generation-rotation.md). Where the seed design is silent
 * the names follow the later upstream code: the archive keeps the tip of {@code /full/current}
 * as it is (no extra commit, since {@code generation.json} is already there), and the reset is an
 * orphan {@value #START_GENERATION} commit whose tree holds only the seed
 * {@code generation.json}. Stateless.
 */
final class V2Messages {
  static final String INITIALIZE = "Initialize v2 ref";
  static final String START_GENERATION = "Start generation";

  private V2Messages() {}

  static String checkpoint(CheckpointId id) {
    return "Checkpoint: " + id.value() + "\n";
  }

  static String finalizeCheckpoint(CheckpointId id) {
    return "Finalize checkpoint: " + id.value() + "\n";
  }
}
