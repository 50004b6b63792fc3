package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place that names files in a segment store.
 *
 * <pre>
 * &lt;root&gt;/&lt;session-uuid&gt;/&lt;segment-uuid&gt;.jsonl              the segment
 * &lt;root&gt;/&lt;session-uuid&gt;/&lt;segment-uuid&gt;.trace.jsonl        its debug trace
 * &lt;root&gt;/&lt;session-uuid&gt;/&lt;segment-uuid&gt;.jsonl.lock         writer lock (never deleted)
 * &lt;root&gt;/&lt;session-uuid&gt;/.&lt;file-name&gt;.&lt;random&gt;.tmp         whole-file write in progress
 * &lt;root&gt;/.&lt;session-uuid&gt;.deleting                    a session being deleted
 * </pre>
 *
 * <p>Only canonical lower-case UUID names are segments or sessions; everything else (locks,
 * traces, temp files, stray files) is ignored by listings.
 */
final class SegmentPaths {
  static final String SEGMENT_SUFFIX = ".jsonl";
  static final String TRACE_SUFFIX = ".trace.jsonl";
  static final String LOCK_SUFFIX = ".lock";
  static final String TEMP_SUFFIX = ".tmp";
  static final String DELETING_SUFFIX = ".deleting";

  private static final Pattern UUID_SHAPE = Pattern.compile(
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private SegmentPaths() {}

  /** {@return the directory of a session} */
  static Path sessionDir(Path root, UUID session) {
    return root.resolve(session.toString());
  }

  /** {@return where a session directory is moved while it is deleted; listings ignore it} */
  static Path deletingDir(Path root, UUID session) {
    return root.resolve("." + session + DELETING_SUFFIX);
  }

  /** {@return the segment file of a segment in a session} */
  static Path segmentFile(Path root, UUID session, UUID segment) {
    return sessionDir(root, session).resolve(segment + SEGMENT_SUFFIX);
  }

  /** {@return the trace file next to a segment file} */
  static Path traceFile(Path segmentFile) {
    String name = segmentFile.getFileName().toString();
    String stem = name.substring(0, name.length() - SEGMENT_SUFFIX.length());
    return segmentFile.resolveSibling(stem + TRACE_SUFFIX);
  }

  /** {@return the lock file that guards writes to {@code file}} */
  static Path lockFile(Path file) {
    return file.resolveSibling(file.getFileName() + LOCK_SUFFIX);
  }

  /** {@return whether {@code name} is a canonical lower-case UUID} */
  static boolean isUuidName(String name) {
    return UUID_SHAPE.matcher(name).matches();
  }

  /** {@return whether {@code name} is a segment file name (not a trace, lock or temp file)} */
  static boolean isSegmentFileName(String name) {
    return name.endsWith(SEGMENT_SUFFIX)
        && isUuidName(name.substring(0, name.length() - SEGMENT_SUFFIX.length()));
  }
}
