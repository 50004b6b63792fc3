package io.github.agentledger.cli;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.JsonlLineCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a whole segment file and reports every corrupt line, where the store's own read stops at
 * the first. Each committed line (one ending in {@code \n}) is decoded by the library's
 * {@link JsonlLineCodec}, so a line is corrupt here exactly when the store would refuse it; on top
 * of that the structure the store checks at open: the first line is the segment's
 * {@code segment_start} of its own session, and no other line is one. Bytes after the last
 * {@code \n} are a torn tail, which the next writer cuts, not corruption. A line longer than the
 * store's limit is reported and skipped without being held in memory, so memory stays bounded
 * whatever the file holds. Stateless.
 */
final class SegmentScan {
  /** The JSONL store's default bound on one line (its {@code maxLineBytes}). */
  static final int MAX_LINE_BYTES = 64 << 20;

  /**
   * One corrupt line.
   *
   * @param line the 1-based line number
   * @param byteOffset the offset of the line's first byte in the file
   * @param reason what is wrong, in the library's words where it has them
   */
  record Problem(long line, long byteOffset, String reason) {}

  private SegmentScan() {}

  /**
   * Scans one segment file.
   *
   * @param file the {@code <segment>.jsonl} file
   * @param session the session the file belongs to (its directory)
   * @param problems receives each corrupt line, in file order
   * @return the number of committed lines read
   * @throws IOException if the file cannot be read
   */
  static long scan(Path file, SessionId session, Consumer<Problem> problems) throws IOException {
    String location = file.toString();
    long lineNumber = 0;
    long offset = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long length = 0;
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          if (length < MAX_LINE_BYTES) {
            line.write(b);
          }
          length++;
          continue;
        }
        lineNumber++;
        if (length > MAX_LINE_BYTES) {
          problems.accept(new Problem(lineNumber, offset, "is " + length + " bytes, longer than"
              + " the store's limit of " + MAX_LINE_BYTES));
        } else {
          check(line.toByteArray(), location, lineNumber, offset, session)
              .ifPresent(problems);
        }
        offset += length + 1;
        length = 0;
        line.reset();
      }
    }
    if (lineNumber == 0) {
      problems.accept(new Problem(1, 0, "holds no committed line; a segment starts with its"
          + " segment_start"));
    }
    return lineNumber;
  }

  private static Optional<Problem> check(byte[] bytes, String location, long lineNumber,
      long offset, SessionId session) {
    LogEntry entry;
    try {
      entry = JsonlLineCodec.decode(bytes, location, lineNumber, offset);
    } catch (CorruptSegmentException e) {
      return Optional.of(new Problem(lineNumber, offset, e.reason()));
    } catch (SegmentLogException e) {
      return Optional.of(new Problem(lineNumber, offset, String.valueOf(e.getMessage())));
    }
    boolean start = entry instanceof LogEntry.SegmentStart;
    if (lineNumber == 1 && !start) {
      return Optional.of(new Problem(lineNumber, offset, "is a " + entry.kind()
          + " entry; the first line of a segment is its segment_start"));
    }
    if (lineNumber > 1 && start) {
      return Optional.of(new Problem(lineNumber, offset,
          "is a second segment_start; a segment has one, on its first line"));
    }
    if (entry instanceof LogEntry.SegmentStart first && !first.sessionId().equals(session)) {
      return Optional.of(new Problem(lineNumber, offset, "is the segment_start of session "
          + first.sessionId() + ", not of " + session + " whose directory holds it"));
    }
    return Optional.empty();
  }
}
