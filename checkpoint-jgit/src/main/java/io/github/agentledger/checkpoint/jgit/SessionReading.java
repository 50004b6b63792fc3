package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one session slot back: metadata, the transcript reassembled from its chunks, and the
 * prompts (spec §5.7). Stateless.
 */
final class SessionReading {
  /** Loads a slot's transcript from wherever the layout keeps it. */
  @FunctionalInterface
  interface TranscriptLoader {
    Transcript load() throws IOException;
  }

  private SessionReading() {}

  /**
   * Reads a slot.
   *
   * @param base the transcript chunk base name ({@code full.jsonl} for v1)
   * @param legacyName a single-file legacy name to fall back on ({@code full.log} for v1)
   * @return the content, or empty when the slot does not exist
   */
  static Optional<SessionContent> read(CheckpointDirectory dir, int slot, String base,
      Optional<String> legacyName) throws IOException {
    return read(dir, slot, () -> {
      List<byte[]> chunks = new ArrayList<>();
      for (String name :
          TranscriptChunks.orderedChunkNames(dir.fileNamesInSlot(slot), base, legacyName)) {
        chunks.add(dir.readFile(CheckpointFiles.inSlot(slot, name)).orElseThrow());
      }
      return Transcript.of(TranscriptChunks.join(chunks));
    });
  }

  /**
   * Reads a slot's metadata and prompts from the directory and its transcript through
   * {@code transcript} (v2 keeps it on another ref).
   *
   * @return the content, or empty when the slot does not exist
   */
  static Optional<SessionContent> read(CheckpointDirectory dir, int slot,
      TranscriptLoader transcript) throws IOException {
    if (slot < 0 || !dir.slotExists(slot)) {
      return Optional.empty();
    }
    String metadataPath = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
    SessionMetadata metadata = dir.sessionMetadata(slot).orElseThrow(
        () -> new CorruptCheckpointException(dir.where(metadataPath),
            "session slot " + slot + " has no metadata.json", null));
    List<String> prompts = dir.readFile(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT))
        .map(Prompts::split).orElse(List.of());
    return Optional.of(new SessionContent(slot, metadata, transcript.load(), prompts));
  }
}
