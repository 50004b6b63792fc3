package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Reads one session slot back (docs/checkpoint-format.md#reading-v1, #real-repositories): metadata, the transcript reassembled from its
 * chunks, the prompts, {@code context.md} and the stored content hash. A transcript chunk whose
 * object the local object database lacks (a partial clone, a pruned mirror) does not fail the
 * read: the content says which object is missing, and everything else of the slot still reads.
 * Stateless.
 */
final class SessionReading {
  /** Loads a slot's transcript from wherever the layout keeps it. */
  @FunctionalInterface
  interface TranscriptLoader {
    Loaded load() throws IOException;
  }

  /**
   * A slot's transcript as loaded.
   *
   * @param transcript the bytes, empty when none is stored or it is not available
   * @param hash the stored content hash text, when stored
   * @param missing what is missing, when a chunk's object is not in the object database
   */
  record Loaded(Transcript transcript, Optional<String> hash,
      Optional<TranscriptNotAvailable> missing) {
    Loaded {
      Objects.requireNonNull(transcript, "transcript");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(missing, "missing");
    }

    static Loaded of(Transcript transcript) {
      return new Loaded(transcript, Optional.empty(), Optional.empty());
    }
  }

  private SessionReading() {}

  /**
   * Reads a slot whose transcript lives in the slot directory.
   *
   * @param base the transcript chunk base name ({@code full.jsonl} for v1)
   * @param hashName the content hash file name ({@code content_hash.txt} for v1)
   * @param legacyName a single-file legacy name to fall back on ({@code full.log} for v1)
   * @return the content, or empty when the slot does not exist
   */
  static Optional<SessionContent> read(CheckpointDirectory dir, int slot, String base,
      String hashName, Optional<String> legacyName) throws IOException {
    return read(dir, slot, () -> {
      Optional<String> hash = text(dir, slot, hashName);
      List<byte[]> chunks = new ArrayList<>();
      for (String name : TranscriptChunks.orderedChunkNames(dir.fileNamesInSlot(slot), base,
          legacyName, dir.where(slot + "/"))) {
        String path = CheckpointFiles.inSlot(slot, name);
        try {
          chunks.add(dir.readFile(path).orElseThrow(() -> new CorruptCheckpointException(
              dir.where(path), "transcript chunk " + dir.blobId(path).map(ObjectId::name)
              .orElse("") + " is not a file (a directory or a submodule link)", null)));
        } catch (MissingObjectException e) {
          return new Loaded(Transcript.empty(), hash, Optional.of(new TranscriptNotAvailable(
              dir.id(), slot, dir.fromRoot(path),
              BlobId.parse(dir.blobId(path).orElseThrow().name()))));
        }
      }
      return new Loaded(Transcript.of(TranscriptChunks.join(chunks)), hash, Optional.empty());
    });
  }

  /**
   * Reads a slot's metadata, prompts and context from the directory and its transcript through
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
    Optional<String> context = text(dir, slot, CheckpointDirectory.CONTEXT);
    Loaded loaded = transcript.load();
    return Optional.of(new SessionContent(slot, metadata, loaded.transcript(), prompts, context,
        loaded.hash(), loaded.missing()));
  }

  private static Optional<String> text(CheckpointDirectory dir, int slot, String name)
      throws IOException {
    return dir.readFile(CheckpointFiles.inSlot(slot, name))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }
}
