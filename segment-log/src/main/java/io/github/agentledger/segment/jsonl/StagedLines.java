package io.github.agentledger.segment.jsonl;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The lines of asynchronous appends that were accepted but are not written yet, in call order,
 * in one direct buffer: the group-commit flusher writes them with one positional write just
 * before its force, instead of one write per append.
 *
 * <p>Bounded: the buffer starts at {@value #INITIAL_BYTES} bytes and doubles up to
 * {@value #MAX_BYTES}; an append that does not fit has the staged lines written first, and an
 * append larger than the bound is written on its own. Allocated on the first staged append, so a
 * writer that never appends asynchronously holds none.
 *
 * <p>Not thread-safe: confined to the appender's write lock.
 */
final class StagedLines {
  /** The most bytes staged at once. */
  static final int MAX_BYTES = 1 << 20;
  private static final int INITIAL_BYTES = 64 * 1024;

  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  private int lines;

  /** {@return whether nothing is staged} */
  boolean isEmpty() {
    return buffer.position() == 0;
  }

  /** {@return the bytes staged} */
  int bytes() {
    return buffer.position();
  }

  /** {@return the lines staged} */
  int lines() {
    return lines;
  }

  /** {@return whether {@code size} more bytes can be staged without going past the bound} */
  boolean fits(int size) {
    return (long) buffer.position() + size <= MAX_BYTES;
  }

  /** Stages checked lines ({@link LineBatch#size}) of {@code size} bytes; they must fit. */
  void add(List<byte[]> batch, int size) {
    if (buffer.remaining() < size) {
      int capacity = Math.max(INITIAL_BYTES, buffer.capacity());
      while (capacity - buffer.position() < size) {
        capacity *= 2;
      }
      ByteBuffer grown = ByteBuffer.allocateDirect(Math.min(capacity, MAX_BYTES));
      grown.put(buffer.flip());
      buffer = grown;
    }
    LineBatch.put(batch, buffer);
    lines += batch.size();
  }

  /** Takes back the lines staged last: the stage holds its first {@code bytes} bytes again. */
  void truncate(int bytes, int removedLines) {
    buffer.position(bytes);
    lines -= removedLines;
  }

  /**
   * {@return the staged bytes, to be written from its position to its limit} Valid until
   * {@link #clear}.
   */
  ByteBuffer toWrite() {
    return buffer.duplicate().flip();
  }

  /** Drops what is staged (after it was written, or after the write failed). */
  void clear() {
    buffer.clear();
    lines = 0;
  }
}
