package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What differs between the refs that hold checkpoint summaries and session metadata: the v1
 * branch (spec §5) and v2 {@code /main} (spec §6.2). Both share the tree shape, slot rules and
 * summary aggregation of {@link MetadataRefWrites}.
 *
 * @param ref the ref
 * @param initializeMessage the message of the orphan commit that creates a missing ref
 * @param legacyStart whether session metadata carries {@code transcript_lines_at_start}
 * @param slotTranscript where the raw transcript goes inside the slot, or empty when this ref
 *     holds no raw transcript (v2 {@code /main})
 * @param writeMessage the message of a write commit
 * @param finalizeMessage the message of an update (finalisation) commit
 */
record MetadataRefFormat(
    String ref,
    String initializeMessage,
    SessionMetadataJson.LegacyStartField legacyStart,
    Optional<TranscriptNames> slotTranscript,
    Function<WriteRequest, String> writeMessage,
    Function<CheckpointId, String> finalizeMessage) {

  /** The v1 branch. */
  static final MetadataRefFormat V1 = new MetadataRefFormat(RefNames.V1_BRANCH,
      V1Messages.INITIALIZE, SessionMetadataJson.LegacyStartField.WRITE,
      Optional.of(TranscriptNames.SEED), V1Messages::checkpoint, V1Messages::finalizeTranscript);

  /** v2 {@code /main}: summaries, session metadata and prompts, no raw transcript. */
  static final MetadataRefFormat V2_MAIN = new MetadataRefFormat(RefNames.V2_MAIN,
      V2Messages.INITIALIZE, SessionMetadataJson.LegacyStartField.OMIT, Optional.empty(),
      r -> V2Messages.checkpoint(r.checkpointId()), V2Messages::finalizeCheckpoint);

  MetadataRefFormat {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(initializeMessage, "initializeMessage");
    Objects.requireNonNull(legacyStart, "legacyStart");
    Objects.requireNonNull(slotTranscript, "slotTranscript");
    Objects.requireNonNull(writeMessage, "writeMessage");
    Objects.requireNonNull(finalizeMessage, "finalizeMessage");
  }
}
