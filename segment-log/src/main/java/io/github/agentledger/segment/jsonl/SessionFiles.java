package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whole-session file operations behind retention: the last modification time of a session and
 * its deletion. Stateless.
 *
 * <p>Deletion takes the writer lock of every segment of the session first (so a session with an
 * open writer, in this process or another, is refused with nothing deleted), then renames the
 * session directory to {@code <root>/.<session-id>.deleting} in one atomic step (a name listings
 * ignore, so the session disappears at once and whole), forces the root directory, releases the
 * locks and removes the renamed tree. A crash during the removal leaves only that hidden
 * directory, which the next deletion of the same session id clears.
 */
final class SessionFiles {
  private SessionFiles() {}

  /**
   * {@return the newest modification time of the session's segment and trace files; empty when
   * it has no segment}
   */
  static Optional<Instant> lastModified(Path sessionDir) {
    if (segmentsOf(sessionDir).isEmpty()) {
      return Optional.empty();
    }
    Instant newest = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(sessionDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!SegmentPaths.isSegmentFileName(name) && !isTraceFileName(name)) {
          continue;
        }
        Instant modified;
        try {
          modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (NoSuchFileException e) {
          continue;
        }
        if (newest == null || modified.isAfter(newest)) {
          newest = modified;
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw StoreErrors.io("reading modification times", sessionDir, e);
    }
    return Optional.ofNullable(newest);
  }

  /**
   * Deletes a session directory whole.
   *
   * @return whether the session held a segment
   * @throws io.github.agentledger.segment.SegmentLockedException if a writer holds one of its
   *     segments; nothing was deleted
   */
  static boolean delete(Path root, SessionId session) {
    Path dir = SegmentPaths.sessionDir(root, session.value());
    Path deleting = SegmentPaths.deletingDir(root, session.value());
    removeTree(deleting);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    List<UUID> segments = segmentsOf(dir);
    List<WriterLock> locks = new ArrayList<>(segments.size());
    try {
      for (UUID segment : segments) {
        try {
          locks.add(WriterLock.acquire(SegmentPaths.segmentFile(root, session.value(), segment)));
        } catch (SegmentMissingException e) {
          // Gone since the listing (only a concurrent deletion removes a segment): skip it.
        } catch (SegmentFileException e) {
          // WriterLockedException becomes SegmentLockedException, naming the held segment.
          throw StoreErrors.translate(e, session, new SegmentId(segment));
        }
      }
      try {
        Files.move(dir, deleting, StandardCopyOption.ATOMIC_MOVE);
        AtomicFileWrite.forceDirectory(root);
      } catch (IOException e) {
        throw StoreErrors.io("deleting the session directory", dir, e);
      }
    } finally {
      for (WriterLock lock : locks) {
        lock.close();
      }
    }
    removeTree(deleting);
    return !segments.isEmpty();
  }

  private static List<UUID> segmentsOf(Path sessionDir) {
    try {
      return SegmentDirectory.listSegments(sessionDir);
    } catch (SegmentFileException e) {
      throw StoreErrors.listing(e);
    }
  }

  private static boolean isTraceFileName(String name) {
    return name.endsWith(SegmentPaths.TRACE_SUFFIX)
        && SegmentPaths.isUuidName(
            name.substring(0, name.length() - SegmentPaths.TRACE_SUFFIX.length()));
  }

  /**
   * Removes a directory tree, tolerating another process removing it at the same time (a
   * deletion that a repair joins, or the other way round).
   *
   * @return the bytes the files this call removed held
   */
  static long removeTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    long[] bytes = {0};
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              if (Files.deleteIfExists(file)) {
                bytes[0] += attrs.size();
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE; // removed by the other party
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return bytes[0];
    } catch (IOException e) {
      throw StoreErrors.io("removing a deleted session directory", dir, e);
    }
    return bytes[0];
  }
}
