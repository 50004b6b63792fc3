package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.EntryCountOutOfRangeException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The API's {@link SegmentWriter} over a {@link SegmentFileWriter}: checks the shape rules and
 * encodes the whole batch before anything is written, then appends it in one write; translates
 * every failure through {@link StoreErrors}. Holds the file writer (and its lock) until closed.
 *
 * <p>Thread-safe, more than the interface asks: threads may append through one writer at once,
 * which is what lets {@link Durability#GROUP_COMMIT} share forces between them.
 */
final class JsonlSegmentWriter implements SegmentWriter {
  private final SessionId session;
  private final SegmentId segment;
  private final SegmentFileWriter file;
  private volatile boolean closed;

  JsonlSegmentWriter(SessionId session, SegmentId segment, SegmentFileWriter file) {
    this.session = session;
    this.segment = segment;
    this.file = file;
  }

  @Override
  public SessionId sessionId() {
    return session;
  }

  @Override
  public SegmentId segmentId() {
    return segment;
  }

  @Override
  public long entryCount() {
    requireOpen();
    return file.entryCount();
  }

  @Override
  public long append(List<LogEntry> entries) {
    return append(OptionalLong.empty(), entries);
  }

  @Override
  public long append(long expectedEntryCount, List<LogEntry> entries) {
    return append(OptionalLong.of(expectedEntryCount), entries);
  }

  private long append(OptionalLong expected, List<LogEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    requireOpen();
    EntryRules.checkAppend(
        expected.isPresent() ? expected::getAsLong : file::entryCount, entries);
    List<byte[]> lines = encode(entries);
    try {
      if (lines.isEmpty()) {
        long actual = file.entryCount();
        if (expected.isPresent() && expected.getAsLong() != actual) {
          throw new SegmentConflictException(session, segment, expected.getAsLong(), actual);
        }
        return actual;
      }
      return file.append(expected, lines).entryCount();
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  static List<byte[]> encode(List<LogEntry> entries) {
    List<byte[]> lines = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      lines.add(EntryCodec.encode(entry));
    }
    return lines;
  }

  @Override
  public void truncate(long entryCount) {
    requireOpen();
    try {
      long actual = file.entryCount();
      if (entryCount < 1 || entryCount > actual) {
        throw new EntryCountOutOfRangeException(session, segment, entryCount, actual);
      }
      file.truncateTo(entryCount);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  @Override
  public void appendTrace(List<TraceRecord> records) {
    Objects.requireNonNull(records, "records");
    requireOpen();
    if (records.isEmpty()) {
      return;
    }
    List<byte[]> lines = new ArrayList<>(records.size());
    for (TraceRecord record : records) {
      lines.add(record.json().text().getBytes(StandardCharsets.UTF_8));
    }
    try {
      file.appendTrace(lines);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  /** {@return the segment file written} */
  SegmentFileWriter file() {
    return file;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      file.close();
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the writer of segment " + segment + " (" + file.segment() + ") is closed");
    }
  }
}
