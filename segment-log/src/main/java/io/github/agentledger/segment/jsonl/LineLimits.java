package io.github.agentledger.segment.jsonl;

/**
 * The limits a store enforces on each line it reads or writes.
 *
 * <p>{@code maxLineBytes} is checked by the reader before a line is buffered (it looks ahead for
 * the line's end without keeping the bytes) and by the writer before anything is written.
 * {@code maxNestingDepth} and {@code maxJsonValues} are checked while a line's JSON is parsed, so
 * a line with millions of tiny values is refused after {@code maxJsonValues} of them, before its
 * tree (about 100 bytes of heap per value) outgrows the heap.
 *
 * @param maxLineBytes the longest line in bytes, without its line ending; at least 64 and below
 *     2 GiB (a line is held in one array)
 * @param maxNestingDepth the deepest nesting of arrays and objects; at least 4
 * @param maxJsonValues the most JSON values in one line; at least 16
 */
record LineLimits(int maxLineBytes, int maxNestingDepth, int maxJsonValues) {
  /** 64 MiB: a fork carries the replayed history in its first line. */
  static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;
  /**
   * 128, the depth the API's own JSON validation allows an opaque value: a deeper line was never
   * readable, and is now refused with the typed limit error before its tree is built.
   */
  static final int DEFAULT_MAX_NESTING_DEPTH = 128;
  /** 2 Mi values: a worst-case tree of about 200 MB, several times a realistic 64 MiB line. */
  static final int DEFAULT_MAX_JSON_VALUES = 2 << 20;
  /** The largest array the JVM reliably allocates. */
  static final int LONGEST_POSSIBLE_LINE = Integer.MAX_VALUE - 16;

  static final LineLimits DEFAULTS =
      new LineLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_JSON_VALUES);

  LineLimits {
    if (maxLineBytes < 64 || maxLineBytes > LONGEST_POSSIBLE_LINE) {
      throw new IllegalArgumentException("maxLineBytes must be in [64, " + LONGEST_POSSIBLE_LINE
          + "], was " + maxLineBytes);
    }
    if (maxNestingDepth < 4) {
      throw new IllegalArgumentException("maxNestingDepth must be >= 4, was " + maxNestingDepth);
    }
    if (maxJsonValues < 16) {
      throw new IllegalArgumentException("maxJsonValues must be >= 16, was " + maxJsonValues);
    }
  }
}
