package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Cuts the uncommitted tail off a file: every byte after its last {@code \n}. A file with no
 * {@code \n} at all holds no committed line and is cut to length 0 (a segment is created whole by
 * an atomic rename, so its first line can only be torn by something outside this library; the
 * store sees such a segment as empty, i.e. without its {@code segment_start}, and rejects it).
 */
final class TornTail {
  private static final int CHUNK = 64 * 1024;

  private TornTail() {}

  /** Cuts the tail of the file open on {@code channel} and returns the committed length. */
  static long repair(FileChannel channel) throws IOException {
    long size = channel.size();
    long committed = committedLength(channel, size);
    if (committed < size) {
      channel.truncate(committed);
    }
    return committed;
  }

  /** {@return the offset just after the last newline before {@code size}, or 0} */
  static long committedLength(FileChannel channel, long size) throws IOException {
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(size, 1))];
    long end = size;
    while (end > 0) {
      int n = (int) Math.min(chunk.length, end);
      long start = end - n;
      ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
      while (buf.hasRemaining()) {
        if (channel.read(buf, start + buf.position()) < 0) {
          throw new IOException("file shrank while repairing its tail at offset " + start);
        }
      }
      int nl = LineScan.lastIndexOfNewline(chunk, 0, n);
      if (nl >= 0) {
        return start + nl + 1;
      }
      end = start;
    }
    return 0;
  }
}
