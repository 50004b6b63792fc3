package io.github.agentledger.checkpoint;

import java.util.Objects;

/**
 * The outcome of checking a session's stored content hash ({@code content_hash.txt}) against the
 * transcript it reads back ({@link SessionContent#verifyContentHash()}). A mismatch is reported,
 * never repaired: older Entire CLI versions hashed something else, and the stored file is theirs.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface ContentHashCheck {

  /**
   * The stored hash is the {@code sha256:<hex>} of the transcript.
   *
   * @param hash the hash, stored and computed
   */
  record Matches(String hash) implements ContentHashCheck {
    /**
     * Rejects null.
     *
     * @param hash the hash, stored and computed
     */
    public Matches {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /**
   * The stored hash differs from the transcript's.
   *
   * @param stored the text of the stored hash file
   * @param computed the {@code sha256:<hex>} of the transcript as read
   */
  record Mismatch(String stored, String computed) implements ContentHashCheck {
    /**
     * Rejects nulls.
     *
     * @param stored the text of the stored hash file
     * @param computed the {@code sha256:<hex>} of the transcript as read
     */
    public Mismatch {
      Objects.requireNonNull(stored, "stored");
      Objects.requireNonNull(computed, "computed");
    }
  }

  /** The slot stores no content hash (no transcript, or a writer that wrote none). */
  record NotStored() implements ContentHashCheck {}

  /**
   * The transcript is not available locally, so nothing can be computed.
   *
   * @param missing what is missing
   */
  record NotAvailable(TranscriptNotAvailable missing) implements ContentHashCheck {
    /**
     * Rejects null.
     *
     * @param missing what is missing
     */
    public NotAvailable {
      Objects.requireNonNull(missing, "missing");
    }
  }
}
