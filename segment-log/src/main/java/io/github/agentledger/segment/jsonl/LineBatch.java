package io.github.agentledger.segment.jsonl;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/** Turns the lines of one append into the bytes that are written: each line and its {@code \n}. */
final class LineBatch {
  private LineBatch() {}

  /**
   * {@return the lines, each followed by {@code \n}, in one buffer}
   *
   * @throws IllegalArgumentException as {@link #size}
   */
  static ByteBuffer encode(List<byte[]> lines) {
    ByteBuffer buffer = ByteBuffer.allocate(size(lines));
    put(lines, buffer);
    return buffer.flip();
  }

  /**
   * Checks the lines of one append and sums their bytes.
   *
   * @return the bytes the lines take with their {@code \n}s
   * @throws IllegalArgumentException if there are no lines, a line is blank (it would not be an
   *     entry) or holds a {@code \n} (it would be two), or they are too large for one append
   */
  static int size(List<byte[]> lines) {
    Objects.requireNonNull(lines, "lines");
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("lines must not be empty");
    }
    long total = 0;
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = Objects.requireNonNull(lines.get(i), "lines[" + i + "]");
      if (LineScan.isBlank(line, 0, line.length)) {
        throw new IllegalArgumentException("lines[" + i + "] is blank");
      }
      int nl = LineScan.indexOfNewline(line, 0, line.length);
      if (nl >= 0) {
        throw new IllegalArgumentException("lines[" + i + "] holds a newline at byte " + nl);
      }
      total += line.length + 1L;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("lines are too large for one append: " + total
          + " bytes");
    }
    return (int) total;
  }

  /** Puts checked lines ({@link #size}), each followed by {@code \n}, into {@code buffer}. */
  static void put(List<byte[]> lines, ByteBuffer buffer) {
    for (byte[] line : lines) {
      buffer.put(line).put((byte) '\n');
    }
  }
}
