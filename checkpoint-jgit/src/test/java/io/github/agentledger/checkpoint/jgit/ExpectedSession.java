package io.github.agentledger.checkpoint.jgit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reader should return for one session slot of a fixture checkpoint.
 *
 * @param index the slot number ({@code 0/}, {@code 1/}, …)
 * @param sessionId the session id stored in the slot's {@code metadata.json}
 * @param agent the agent type string ({@code Claude Code}, …)
 * @param createdAt the slot's {@code created_at}
 * @param metadataJson the exact text of the slot's {@code metadata.json}
 * @param prompts the prompts, in order (empty: no {@code prompt.txt})
 * @param transcript the reassembled raw transcript bytes (empty: none stored)
 * @param transcriptFiles the names of the raw transcript chunk files in the slot directory, in
 *     reassembly order (for example {@code full.jsonl}, {@code full.jsonl.001})
 * @param contentHash the stored {@code sha256:<hex>} of the raw transcript, if any
 * @param transcriptRef the ref whose tree holds the raw transcript a reader should return (for v2,
 *     the {@code /full/current} or archive ref where it must be found first), if any
 * @param compactTranscript the compact {@code transcript.jsonl} bytes on v2 {@code /main} (empty:
 *     none)
 */
record ExpectedSession(
    int index,
    String sessionId,
    String agent,
    Instant createdAt,
    String metadataJson,
    List<String> prompts,
    byte[] transcript,
    List<String> transcriptFiles,
    Optional<String> contentHash,
    Optional<String> transcriptRef,
    byte[] compactTranscript) {

  ExpectedSession {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(metadataJson, "metadataJson");
    prompts = List.copyOf(prompts);
    transcript = transcript.clone();
    transcriptFiles = List.copyOf(transcriptFiles);
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(transcriptRef, "transcriptRef");
    compactTranscript = compactTranscript.clone();
  }

  /** {@return whether a raw transcript is stored for this slot} */
  boolean hasTranscript() {
    return transcript.length > 0;
  }

  /** {@return a copy of the transcript bytes} */
  @Override
  public byte[] transcript() {
    return transcript.clone();
  }

  /** {@return a copy of the compact transcript bytes} */
  @Override
  public byte[] compactTranscript() {
    return compactTranscript.clone();
  }
}
