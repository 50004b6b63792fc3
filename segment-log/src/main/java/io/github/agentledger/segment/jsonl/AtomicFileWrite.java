package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a whole file so that readers, and a crash at any point, see either the old content or
 * the new one, never a mix: a temp file {@code .<name>.<random>.tmp} in the same directory,
 * written and forced, renamed over the target with {@code ATOMIC_MOVE}, then the directory forced
 * so the rename itself survives a power loss.
 *
 * <p>A crash before the rename leaves a temp file behind; listings ignore it (dot name, not a
 * UUID) and it holds nothing anyone acknowledged. Callers serialise writers of one target through
 * its {@link WriterLock}; this class does not lock.
 */
final class AtomicFileWrite {
  /** Writes the new content into the temp file's channel. */
  @FunctionalInterface
  interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  private AtomicFileWrite() {}

  /** Replaces (or creates) {@code target} with what {@code content} writes. */
  static void replace(Path target, Content content, ChannelOpener opener) throws IOException {
    Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a file has a parent");
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".",
        SegmentPaths.TEMP_SUFFIX);
    boolean moved = false;
    try {
      try (FileChannel channel = opener.open(temp, Set.of(StandardOpenOption.WRITE))) {
        content.writeTo(channel);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Replaces (or creates) {@code target} with {@code bytes}. */
  static void replace(Path target, byte[] bytes) throws IOException {
    replace(
        target,
        out -> {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
        },
        ChannelOpener.DEFAULT);
  }

  /**
   * Forces a directory's entries to disk. Platforms that cannot open a directory as a channel
   * (Windows) refuse the open; there the rename's durability is the file system's, and we go on.
   */
  static void forceDirectory(Path dir) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try (channel) {
      channel.force(true);
    }
  }
}
