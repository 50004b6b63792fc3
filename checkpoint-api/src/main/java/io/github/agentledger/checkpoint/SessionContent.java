package io.github.agentledger.checkpoint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One session of a checkpoint as read back: its metadata, the reassembled transcript, the
 * prompts, the agent context ({@code context.md}) and the stored content hash.
 *
 * <p>When the slot names a transcript whose object the local object database lacks, the
 * transcript is empty and {@link #transcriptNotAvailable()} says which object is missing; use
 * {@link #requireTranscript()} to turn that into an exception.
 *
 * <p>Immutable and thread-safe; the list is copied.
 *
 * @param sessionIndex the slot number: the name of the slot directory ({@code 0/}, {@code 2/}, …),
 *     which need not be dense
 * @param metadata the session metadata
 * @param transcript the full transcript, empty when none was stored or it is not available
 * @param prompts the prompts, in order (empty when none were stored)
 * @param context the text of the slot's {@code context.md}, when stored
 * @param contentHash the text of the stored content hash file ({@code sha256:<hex>}), when stored
 * @param transcriptNotAvailable what is missing, when the transcript names an object that is not
 *     in the local object database
 */
public record SessionContent(
    int sessionIndex,
    SessionMetadata metadata,
    Transcript transcript,
    List<String> prompts,
    Optional<String> context,
    Optional<String> contentHash,
    Optional<TranscriptNotAvailable> transcriptNotAvailable) {

  /**
   * Rejects nulls and negative indexes, copies the list.
   *
   * @param sessionIndex the slot number
   * @param metadata the session metadata
   * @param transcript the full transcript, empty when none was stored or it is not available
   * @param prompts the prompts, in order (empty when none were stored)
   * @param context the text of the slot's {@code context.md}, when stored
   * @param contentHash the text of the stored content hash file, when stored
   * @param transcriptNotAvailable what is missing, when the transcript is not available locally
   */
  public SessionContent {
    if (sessionIndex < 0) {
      throw new IllegalArgumentException("sessionIndex must not be negative, got " + sessionIndex);
    }
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(transcript, "transcript");
    prompts = List.copyOf(prompts);
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(transcriptNotAvailable, "transcriptNotAvailable");
  }

  /**
   * A session without {@code context.md}, stored hash or missing object.
   *
   * @param sessionIndex the slot number
   * @param metadata the session metadata
   * @param transcript the full transcript, empty when none was stored
   * @param prompts the prompts, in order (empty when none were stored)
   */
  public SessionContent(int sessionIndex, SessionMetadata metadata, Transcript transcript,
      List<String> prompts) {
    this(sessionIndex, metadata, transcript, prompts, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * Returns the transcript, or throws when the slot's transcript is not available locally.
   *
   * @return the transcript (empty when none was stored)
   * @throws TranscriptNotAvailableException when the transcript's object is missing locally
   */
  public Transcript requireTranscript() {
    if (transcriptNotAvailable.isPresent()) {
      throw transcriptNotAvailable.get().toException();
    }
    return transcript;
  }

  /**
   * Checks the stored content hash against the transcript as read: {@code sha256:} followed by
   * the lowercase hex SHA-256 of the transcript bytes. Reports, never repairs.
   *
   * @return the outcome
   */
  public ContentHashCheck verifyContentHash() {
    if (transcriptNotAvailable.isPresent()) {
      return new ContentHashCheck.NotAvailable(transcriptNotAvailable.get());
    }
    if (contentHash.isEmpty()) {
      return new ContentHashCheck.NotStored();
    }
    String computed = sha256(transcript.bytes());
    String stored = contentHash.get();
    return stored.strip().equals(computed) ? new ContentHashCheck.Matches(computed)
        : new ContentHashCheck.Mismatch(stored, computed);
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /** {@return whether the slot stores a {@code context.md}} */
  public boolean hasContext() {
    return context.isPresent();
  }
}
