package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointId;

/**
 * File names inside a checkpoint directory, and the tree paths built from them. Paths relative
 * to the checkpoint directory look like {@code 0/full.jsonl}; absolute paths in summaries look like
 * {@code /a3/b2c4d5e6f7/0/full.jsonl}.
 *
 * <p>Internal, may change without notice.
 */
public final class CheckpointFiles {
  public static final String METADATA = "metadata.json";
  public static final String PROMPT = "prompt.txt";
  public static final String V1_TRANSCRIPT = "full.jsonl";
  public static final String V1_LEGACY_TRANSCRIPT = "full.log";
  public static final String V1_CONTENT_HASH = "content_hash.txt";
  public static final String V2_RAW_TRANSCRIPT = "raw_transcript";
  public static final String V2_RAW_TRANSCRIPT_HASH = "raw_transcript_hash.txt";
  public static final String V2_COMPACT_TRANSCRIPT = "transcript.jsonl";
  public static final String V2_COMPACT_TRANSCRIPT_HASH = "transcript_hash.txt";
  public static final String GENERATION = "generation.json";

  private CheckpointFiles() {}

  /** {@code <slot>/<name>}, relative to the checkpoint directory. */
  public static String inSlot(int slot, String name) {
    return slot + "/" + name;
  }

  /** {@code /<shard>/<rest>/<relative>}, as summaries store paths. */
  public static String absolute(CheckpointId id, String relative) {
    return "/" + id.shardedPath() + "/" + relative;
  }

  /**
   * {@code /<relative>}, as summaries on a git-refs checkpoint ref store paths (the ref's tree is
   * the checkpoint directory, docs/git-refs-layout.md).
   *
   * @param relative a path relative to the checkpoint directory
   * @return the absolute path
   */
  public static String absoluteAtRoot(String relative) {
    return "/" + relative;
  }

  /** {@code <shard>/<rest>/<relative>}, a path from the root of the ref's tree. */
  public static String fromRoot(CheckpointId id, String relative) {
    return id.shardedPath() + "/" + relative;
  }
}
