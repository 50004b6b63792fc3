package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.EntryCountOutOfRangeException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLimitExceededException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
  private final Function<SegmentFileException, RuntimeException> translate;
  private volatile boolean closed;

  JsonlSegmentWriter(SessionId session, SegmentId segment, SegmentFileWriter file) {
    this.session = session;
    this.segment = segment;
    this.file = file;
    this.translate = e -> StoreErrors.translate(e, session, segment);
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
    checkLengths(lines, file.options().limits(), StoreErrors.location(file.segment()));
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

  /**
   * {@inheritDoc}
   *
   * <p>With {@link Durability#GROUP_COMMIT} the lines are staged in call order and a flusher
   * thread of the writer writes them, in one write with every other append in flight, and forces
   * them together; the future completes on that thread, and blocking on it ({@code join},
   * {@code get}) makes the flusher force at once instead of waiting for more appends (use the {@code …Async} methods of the future for work that
   * may block). With {@code NONE} and {@code FSYNC_EACH} the append is done when this returns.
   * A failed force completes the future with {@link io.github.agentledger.segment.SegmentIoException}
   * and leaves the writer unusable ({@link
   * io.github.agentledger.segment.SegmentWriterUnusableException} on later appends). Closing the
   * writer first waits for the appends in flight.
   */
  @Override
  public CompletableFuture<Long> appendAsync(List<LogEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    requireOpen();
    EntryRules.checkAppend(file::entryCount, entries);
    List<byte[]> lines = encode(entries);
    checkLengths(lines, file.options().limits(), StoreErrors.location(file.segment()));
    if (lines.isEmpty()) {
      return CompletableFuture.completedFuture(file.entryCount());
    }
    return file.appendAsync(lines, AppendResult::entryCount, translate);
  }

  static List<byte[]> encode(List<LogEntry> entries) {
    List<byte[]> lines = new ArrayList<>(entries.size());
    for (LogEntry entry : entries) {
      lines.add(EntryCodec.encode(entry));
    }
    return lines;
  }

  /**
   * Refuses lines longer than the store reads: a store never writes a line it would refuse.
   *
   * @throws SegmentLimitExceededException naming the first such line; nothing was written
   */
  static void checkLengths(List<byte[]> lines, LineLimits limits, String location) {
    for (byte[] line : lines) {
      if (line.length > limits.maxLineBytes()) {
        throw new SegmentLimitExceededException(location,
            SegmentLimitExceededException.Limit.LINE_BYTES, limits.maxLineBytes(), line.length);
      }
    }
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
    checkLengths(lines, file.options().limits(),
        "trace file " + SegmentPaths.traceFile(file.segment()));
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
