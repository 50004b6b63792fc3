package io.github.agentledger.checkpoint.jgit.internal;

import java.util.List;
import java.util.Objects;

/**
 * The file names of a raw transcript inside a session slot: the chunk base name
 * ({@code <base>}, {@code <base>.001}, …) and the content-hash file.
 *
 * @param base the chunk base name
 * @param hash the hash file name
 *
 * <p>Internal, may change without notice.
 */
public record TranscriptNames(String base, String hash) {
  /** {@code full.jsonl} + {@code content_hash.txt}: v1, and v2 {@code /full/*} as we write it. */
  public static final TranscriptNames SEED =
      new TranscriptNames(CheckpointFiles.V1_TRANSCRIPT, CheckpointFiles.V1_CONTENT_HASH);
  /** {@code raw_transcript} + {@code raw_transcript_hash.txt}: later upstream v2 {@code /full/*}. */
  public static final TranscriptNames RAW =
      new TranscriptNames(CheckpointFiles.V2_RAW_TRANSCRIPT,
          CheckpointFiles.V2_RAW_TRANSCRIPT_HASH);
  /** Every naming a v2 {@code /full/*} slot may use, the one we write first. */
  public static final List<TranscriptNames> V2_FULL = List.of(SEED, RAW);

  public TranscriptNames {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(hash, "hash");
  }

  /** {@return whether {@code name} is one of this naming's chunk files or its hash file} */
  public boolean owns(String name) {
    return name.equals(base) || name.startsWith(base + ".") || name.equals(hash);
  }
}
