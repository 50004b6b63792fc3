package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Lists what a store root holds: session directories and segment files with canonical UUID names
 * only, newest first (UUIDv7 text order is creation order). Traces ({@code .trace.jsonl}), lock
 * files ({@code .lock}), temp files and anything else are ignored. Stateless.
 */
final class SegmentDirectory {
  private SegmentDirectory() {}

  /** {@return the session ids under {@code root}, newest first; empty if root is missing} */
  static List<UUID> listSessions(Path root) {
    return list(root, true);
  }

  /** {@return the segment ids in a session directory, newest first; empty if it is missing} */
  static List<UUID> listSegments(Path sessionDir) {
    return list(sessionDir, false);
  }

  private static List<UUID> list(Path dir, boolean directories) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (directories) {
          if (SegmentPaths.isUuidName(name)
              && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            names.add(name);
          }
        } else if (SegmentPaths.isSegmentFileName(name)
            && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          names.add(name.substring(0, name.length() - SegmentPaths.SEGMENT_SUFFIX.length()));
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new SegmentFileIoException(dir, SegmentFileIoException.Operation.LIST, e);
    }
    names.sort(Comparator.reverseOrder());
    List<UUID> ids = new ArrayList<>(names.size());
    for (String name : names) {
      ids.add(UUID.fromString(name));
    }
    return List.copyOf(ids);
  }
}
