package io.github.agentledger.segment;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Thrown when a line of a segment (read, or about to be written) exceeds one of the store's
 * configured limits: its length in bytes, the nesting depth of its JSON, or the number of JSON
 * values it holds. Readers check a limit while they read, before the line is buffered or its tree
 * built, so an oversized line costs bounded time and memory; writers check the length before
 * anything is written, so a store never writes a line it would refuse to read.
 */
public final class SegmentLimitExceededException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The segment's file or ids. */
  private final String location;
  /** Which limit. */
  private final Limit limit;
  /** The configured maximum. */
  private final long maximum;
  /** What the line had, or at least had when reading stopped. */
  private final long actual;
  /** The 1-based line number, for a line read from a file. */
  private final long lineNumber;
  /** The byte offset of the line, for a line read from a file. */
  private final long byteOffset;

  /**
   * Creates the exception for a line read from a file.
   *
   * @param location the segment's file
   * @param lineNumber the 1-based line number
   * @param byteOffset the offset of the line's first byte
   * @param limit which limit the line exceeds
   * @param maximum the configured maximum
   * @param actual what the line had, or at least had when reading stopped
   */
  public SegmentLimitExceededException(String location, long lineNumber, long byteOffset,
      Limit limit, long maximum, long actual) {
    super(location + ": line " + lineNumber + " (byte " + byteOffset + ") "
        + Objects.requireNonNull(limit, "limit").describe(maximum, actual), null);
    this.location = location;
    this.limit = limit;
    this.maximum = maximum;
    this.actual = actual;
    this.lineNumber = lineNumber;
    this.byteOffset = byteOffset;
  }

  /**
   * Creates the exception for a line about to be written; nothing was written.
   *
   * @param location the segment's file or ids
   * @param limit which limit the line exceeds
   * @param maximum the configured maximum
   * @param actual what the line has
   */
  public SegmentLimitExceededException(String location, Limit limit, long maximum, long actual) {
    super(location + ": an entry to write " + Objects.requireNonNull(limit, "limit")
        .describe(maximum, actual) + "; nothing was written", null);
    this.location = location;
    this.limit = limit;
    this.maximum = maximum;
    this.actual = actual;
    this.lineNumber = -1;
    this.byteOffset = -1;
  }

  /** {@return the segment's file or ids} */
  public String location() {
    return location;
  }

  /** {@return which limit was exceeded} */
  public Limit limit() {
    return limit;
  }

  /** {@return the configured maximum} */
  public long maximum() {
    return maximum;
  }

  /** {@return what the line had, or at least had when reading stopped} */
  public long actual() {
    return actual;
  }

  /** {@return the 1-based number of the line read; empty for a line about to be written} */
  public OptionalLong lineNumber() {
    return lineNumber < 0 ? OptionalLong.empty() : OptionalLong.of(lineNumber);
  }

  /** {@return the byte offset of the line read; empty for a line about to be written} */
  public OptionalLong byteOffset() {
    return byteOffset < 0 ? OptionalLong.empty() : OptionalLong.of(byteOffset);
  }

  /** The limits a store enforces on each line. */
  public enum Limit {
    /** The length of a line in bytes, without its line ending. */
    LINE_BYTES("is %d bytes long, more than the maximum of %d"),
    /** The nesting depth of the line's JSON (arrays and objects). */
    NESTING_DEPTH("nests JSON at least %d deep, more than the maximum of %d"),
    /** The number of JSON values (objects, arrays, strings, numbers, literals) in the line. */
    JSON_VALUES("holds at least %d JSON values, more than the maximum of %d");

    private final String format;

    Limit(String format) {
      this.format = format;
    }

    private String describe(long maximum, long actual) {
      return String.format(java.util.Locale.ROOT, format, actual, maximum);
    }
  }
}
