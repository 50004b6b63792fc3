package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;

/**
 * File names inside a checkpoint directory, and the tree paths built from them. Paths relative
 * to the checkpoint directory look like {@code 0/full.jsonl}; absolute paths in summaries look like
 * {@code /a3/b2c4d5e6f7/0/full.jsonl}.
 */
final class CheckpointFiles {
  static final String METADATA = "metadata.json";
  static final String PROMPT = "prompt.txt";
  static final String V1_TRANSCRIPT = "full.jsonl";
  static final String V1_LEGACY_TRANSCRIPT = "full.log";
  static final String V1_CONTENT_HASH = "content_hash.txt";
  static final String V2_RAW_TRANSCRIPT = "raw_transcript";
  static final String V2_RAW_TRANSCRIPT_HASH = "raw_transcript_hash.txt";
  static final String V2_COMPACT_TRANSCRIPT = "transcript.jsonl";
  static final String V2_COMPACT_TRANSCRIPT_HASH = "transcript_hash.txt";
  static final String GENERATION = "generation.json";

  private CheckpointFiles() {}

  /** {@code <slot>/<name>}, relative to the checkpoint directory. */
  static String inSlot(int slot, String name) {
    return slot + "/" + name;
  }

  /** {@code /<shard>/<rest>/<relative>}, as summaries store paths. */
  static String absolute(CheckpointId id, String relative) {
    return "/" + id.shardedPath() + "/" + relative;
  }

  /**
   * {@code /<relative>}, as summaries on a git-refs checkpoint ref store paths (the ref's tree is
   * the checkpoint directory, spec §15).
   */
  static String absoluteAtRoot(String relative) {
    return "/" + relative;
  }

  /** {@code <shard>/<rest>/<relative>}, a path from the root of the ref's tree. */
  static String fromRoot(CheckpointId id, String relative) {
    return id.shardedPath() + "/" + relative;
  }
}
