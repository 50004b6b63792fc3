package io.github.agentledger.segment;

import java.util.UUID;

/**
 * The id of a segment: one append-only log inside a session, and the name of its file.
 *
 * <p>Always a UUID version 7, so the canonical text sorts by creation time. Immutable and
 * thread-safe.
 *
 * @param value the UUID, version 7
 */
public record SegmentId(UUID value) implements Comparable<SegmentId> {
  /**
   * Validates the UUID.
   *
   * @param value the UUID, version 7
   * @throws InvalidIdException if {@code value} is not a UUID version 7
   */
  public SegmentId {
    Uuids.requireVersion7("SegmentId", value);
  }

  /**
   * Parses the canonical lowercase text form ({@code 8-4-4-4-12}); nothing else is accepted.
   *
   * @param text the text to parse
   * @return the id
   * @throws InvalidIdException if the text is not a canonical UUID version 7
   */
  public static SegmentId parse(String text) {
    return new SegmentId(Uuids.parse("SegmentId", text));
  }

  /** Orders by the canonical text, which is creation time for ids from one generator. */
  @Override
  public int compareTo(SegmentId other) {
    return toString().compareTo(other.toString());
  }

  /** {@return the canonical lowercase text form} */
  @Override
  public String toString() {
    return value.toString();
  }
}
