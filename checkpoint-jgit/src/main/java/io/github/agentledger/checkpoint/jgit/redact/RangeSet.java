package io.github.agentledger.checkpoint.jgit.redact;

import java.util.Arrays;

/**
 * A growable set of half-open character ranges that {@link #merged() merges} overlapping and
 * touching ranges, so that each secret, however many detectors found it, is replaced once.
 * Not thread-safe: one instance serves one redaction of one piece of text.
 */
final class RangeSet {
  private long[] ranges = new long[8];
  private int size;

  /**
   * Adds the range {@code [start, end)}; empty ranges are ignored.
   *
   * @param start first character, inclusive
   * @param end last character, exclusive
   */
  void add(int start, int end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    if (start == end) {
      return;
    }
    if (size == ranges.length) {
      ranges = Arrays.copyOf(ranges, size * 2);
    }
    ranges[size++] = ((long) start << 32) | end;
  }

  /** {@return how many ranges were added (before merging)} */
  int size() {
    return size;
  }

  /**
   * Forgets the ranges added after the first {@code mark} ones.
   *
   * @param mark a value {@link #size()} returned earlier
   */
  void truncate(int mark) {
    if (mark < 0 || mark > size) {
      throw new IllegalArgumentException("mark " + mark + " outside [0, " + size + "]");
    }
    size = mark;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Returns the ranges sorted by start, overlapping and touching ones merged, as pairs
   * {@code start0, end0, start1, end1, ...}.
   */
  int[] merged() {
    long[] sorted = Arrays.copyOf(ranges, size);
    Arrays.sort(sorted);
    int[] out = new int[size * 2];
    int n = 0;
    for (long packed : sorted) {
      int start = (int) (packed >>> 32);
      int end = (int) packed;
      if (n > 0 && start <= out[n - 1]) {
        out[n - 1] = Math.max(out[n - 1], end);
      } else {
        out[n++] = start;
        out[n++] = end;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Replaces every merged range of {@code text} by {@code replacement}.
   *
   * @return the new text, or {@code text} itself when the set is empty
   */
  String applyTo(String text, String replacement) {
    if (size == 0) {
      return text;
    }
    int[] merged = merged();
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (int i = 0; i < merged.length; i += 2) {
      out.append(text, at, merged[i]).append(replacement);
      at = merged[i + 1];
    }
    return out.append(text, at, text.length()).toString();
  }
}
