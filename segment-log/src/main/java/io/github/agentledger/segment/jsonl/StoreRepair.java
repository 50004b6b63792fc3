package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Removes what killed operations leave in a store root, safely against live operations in this
 * process or another. Stateless; one call is one pass.
 *
 * <ul>
 *   <li>A temp file {@code .<segment-file>.<random>.tmp} belongs to the whole-file write (create,
 *       fork, truncation) of that segment, which holds the segment's writer lock from before the
 *       temp file exists until after it is renamed or deleted. The temp file is removed only while
 *       this pass holds that same lock: a live write keeps it, and its path is reported in use.
 *   <li>A {@code .<session-id>.deleting} directory is a session whose deletion was interrupted:
 *       everything in it was already removed from listings, and whoever is still removing it (a
 *       live deletion) tolerates this pass removing it too.
 *   <li>A session directory that holds no segment (only lock files, or nothing) and was not
 *       changed for {@code minAge} is removed like a session deletion: the writer lock of each of
 *       its lock files is taken, its entries are listed again, it is renamed to {@code
 *       .<session-id>.deleting} in one atomic step, and, if the renamed directory holds exactly
 *       what was listed, removed; otherwise it is renamed back. A creator that finds its fresh
 *       session directory gone meanwhile creates it again ({@link JsonlSegmentStore#create}).
 * </ul>
 */
final class StoreRepair {
  private StoreRepair() {}

  static RepairReport run(Path root, Clock clock, Duration minAge) {
    List<Path> temps = new ArrayList<>();
    List<Path> deletions = new ArrayList<>();
    List<SessionId> emptySessions = new ArrayList<>();
    List<Path> inUse = new ArrayList<>();
    long[] bytes = {0};
    for (Path entry : list(root)) {
      String name = entry.getFileName().toString();
      if (isDeletingName(name) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        bytes[0] += SessionFiles.removeTree(entry);
        deletions.add(entry);
      } else if (SegmentPaths.isUuidName(name)
          && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        repairSession(root, entry, clock, minAge, temps, emptySessions, inUse, bytes);
      }
    }
    return new RepairReport(temps, deletions, emptySessions, inUse, bytes[0]);
  }

  private static void repairSession(Path root, Path dir, Clock clock, Duration minAge,
      List<Path> temps, List<SessionId> emptySessions, List<Path> inUse, long[] bytes) {
    for (Path entry : list(dir)) {
      String target = tempTarget(entry.getFileName().toString());
      if (target == null || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      WriterLock lock;
      try {
        lock = WriterLock.acquireForCreate(dir.resolve(target));
      } catch (WriterLockedException e) {
        inUse.add(entry);
        continue;
      } catch (SegmentFileException e) {
        throw StoreErrors.listing(e);
      }
      try {
        long size = sizeOrZero(entry);
        if (Files.deleteIfExists(entry)) {
          temps.add(entry);
          bytes[0] += size;
        }
      } catch (IOException e) {
        throw StoreErrors.io("removing a stale temp file", entry, e);
      } finally {
        lock.close();
      }
    }
    removeIfEmpty(root, dir, clock, minAge, emptySessions, inUse);
  }

  private static void removeIfEmpty(Path root, Path dir, Clock clock, Duration minAge,
      List<SessionId> emptySessions, List<Path> inUse) {
    Set<String> names = names(dir);
    if (names == null || !names.stream().allMatch(StoreRepair::isLockName)) {
      return;
    }
    if (!oldEnough(dir, clock, minAge)) {
      inUse.add(dir);
      return;
    }
    List<WriterLock> locks = new ArrayList<>();
    try {
      for (String lockName : names) {
        String target = lockName.substring(0, lockName.length() - SegmentPaths.LOCK_SUFFIX.length());
        try {
          locks.add(WriterLock.acquireForCreate(dir.resolve(target)));
        } catch (WriterLockedException e) {
          inUse.add(dir);
          return;
        } catch (SegmentFileException e) {
          return; // gone meanwhile, or unreadable: leave it to the next pass
        }
      }
      if (!names.equals(names(dir))) {
        return; // changed meanwhile: someone is using it
      }
      UUID session = UUID.fromString(dir.getFileName().toString());
      Path deleting = SegmentPaths.deletingDir(root, session);
      if (Files.exists(deleting, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try {
        Files.move(dir, deleting, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        return; // changed meanwhile (not empty, gone): the next pass looks again
      }
      if (!names.equals(names(deleting))) {
        // Something arrived between the listing and the rename: give it back untouched.
        try {
          Files.move(deleting, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw StoreErrors.io("restoring a session directory that was in use", dir, e);
        }
        inUse.add(dir);
        return;
      }
      try {
        AtomicFileWrite.forceDirectory(root);
      } catch (IOException e) {
        throw StoreErrors.io("forcing the store directory", root, e);
      }
    } finally {
      for (WriterLock lock : locks) {
        lock.close();
      }
    }
    SessionFiles.removeTree(SegmentPaths.deletingDir(root,
        UUID.fromString(dir.getFileName().toString())));
    emptySessions.add(new SessionId(UUID.fromString(dir.getFileName().toString())));
  }

  private static boolean oldEnough(Path dir, Clock clock, Duration minAge) {
    if (minAge.isZero()) {
      return true;
    }
    try {
      FileTime modified = Files.readAttributes(dir, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).lastModifiedTime();
      return !modified.toInstant().plus(minAge).isAfter(clock.instant());
    } catch (IOException e) {
      return false;
    }
  }

  /** {@return the segment file name a temp file name belongs to, or null if it is none} */
  static @Nullable String tempTarget(String name) {
    if (!name.startsWith(".") || !name.endsWith(SegmentPaths.TEMP_SUFFIX)) {
      return null;
    }
    int randomStart = name.lastIndexOf('.', name.length() - SegmentPaths.TEMP_SUFFIX.length() - 1);
    if (randomStart <= 1) {
      return null;
    }
    String target = name.substring(1, randomStart);
    return SegmentPaths.isSegmentFileName(target) ? target : null;
  }

  private static boolean isDeletingName(String name) {
    return name.startsWith(".") && name.endsWith(SegmentPaths.DELETING_SUFFIX)
        && SegmentPaths.isUuidName(
            name.substring(1, name.length() - SegmentPaths.DELETING_SUFFIX.length()));
  }

  private static boolean isLockName(String name) {
    return name.endsWith(SegmentPaths.LOCK_SUFFIX) && SegmentPaths.isSegmentFileName(
        name.substring(0, name.length() - SegmentPaths.LOCK_SUFFIX.length()));
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** {@return the names in {@code dir}, sorted; null if it is gone} */
  private static @Nullable Set<String> names(Path dir) {
    Set<String> names = new TreeSet<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        names.add(entry.getFileName().toString());
      }
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw StoreErrors.io("listing", dir, e);
    }
    return names;
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        out.add(entry);
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw StoreErrors.io("listing", dir, e);
    }
    return out;
  }
}
