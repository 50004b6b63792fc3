package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The committed bytes of a segment file as a stream: everything up to its last {@code \n} when
 * opened, found by scanning back from the end (a torn tail is never part of it).
 */
final class CommittedBytes {
  private static final int BLOCK = 64 * 1024;

  private CommittedBytes() {}

  static InputStream open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      long length = committedLength(channel);
      InputStream in = Channels.newInputStream(channel.position(0));
      return new InputStream() {
        private long left = length;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = in.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = in.read(buffer, offset, (int) Math.min(count, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static long committedLength(FileChannel channel) throws IOException {
    long end = channel.size();
    ByteBuffer block = ByteBuffer.allocate(BLOCK);
    while (end > 0) {
      long start = Math.max(0, end - BLOCK);
      block.clear().limit((int) (end - start));
      while (block.hasRemaining()) {
        if (channel.read(block, start + block.position()) < 0) {
          break;
        }
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }
}
