package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.InvalidJsonException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Streams the committed records of a trace file ({@code <segment-id>.trace.jsonl}), one line at a
 * time, in memory bounded by the longest line. A torn tail is never read; a committed line that
 * is not strict UTF-8 or not a JSON object fails with {@link CorruptSegmentException} naming the
 * file, line and byte offset. Not thread-safe.
 */
final class TraceIterator implements Iterator<TraceRecord>, AutoCloseable {
  private final SegmentLineReader reader;
  private final SessionId session;
  private final SegmentId segment;
  private @Nullable TraceRecord next;
  private boolean done;

  private TraceIterator(SegmentLineReader reader, SessionId session, SegmentId segment) {
    this.reader = reader;
    this.session = session;
    this.segment = segment;
  }

  /** Opens an existing trace file at its first line. */
  static TraceIterator open(Path traceFile, SessionId session, SegmentId segment) {
    return open(traceFile, session, segment, LineLimits.DEFAULTS.maxLineBytes());
  }

  /** Opens an existing trace file at its first line, refusing lines over {@code maxLineBytes}. */
  static TraceIterator open(Path traceFile, SessionId session, SegmentId segment,
      int maxLineBytes) {
    try {
      return new TraceIterator(SegmentLineReader.open(traceFile, LinePosition.START,
          SegmentLineReader.DEFAULT_BUFFER_SIZE, maxLineBytes), session, segment);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    try {
      if (!reader.next()) {
        done = true;
        return false;
      }
      next = decode(reader.lineText());
      return true;
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  @Override
  public TraceRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    TraceRecord record = Objects.requireNonNull(next, "hasNext() decoded the next record");
    next = null;
    return record;
  }

  private TraceRecord decode(String line) {
    try {
      return TraceRecord.of(line);
    } catch (InvalidJsonException e) {
      throw new CorruptSegmentException(
          "trace file " + reader.file(),
          reader.lineNumber(),
          reader.byteOffset(),
          "is not a JSON object: " + e.getMessage(),
          e);
    }
  }

  /** Closes the file. */
  @Override
  public void close() {
    try {
      reader.close();
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }
}
