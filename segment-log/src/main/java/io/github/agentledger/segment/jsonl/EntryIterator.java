package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLogException;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the committed entries of one segment file lazily, one line at a time, checking the
 * segment's shape on the way: the first entry is a {@code segment_start} naming the segment's
 * session, no later entry is one, and a segment has at least that first entry. Every failure is
 * already an API exception naming the file, the line and its byte offset.
 *
 * <p>Memory is the reader's buffer plus one decoded entry. Not thread-safe.
 */
final class EntryIterator implements Iterator<LogEntry>, AutoCloseable {
  private final SegmentLineReader reader;
  private final SessionId session;
  private final SegmentId segment;
  private final LineLimits limits;
  private long entryNumber;
  private boolean started;
  private @Nullable LogEntry next;
  private boolean done;

  private EntryIterator(SegmentLineReader reader, SessionId session, SegmentId segment,
      LineLimits limits) {
    this.reader = reader;
    this.session = session;
    this.segment = segment;
    this.limits = limits;
  }

  /**
   * Opens a segment file at its first line.
   *
   * @throws io.github.agentledger.segment.SegmentNotFoundException if it does not exist
   */
  static EntryIterator open(Path file, SessionId session, SegmentId segment) {
    return open(file, session, segment, SegmentLineReader.DEFAULT_BUFFER_SIZE);
  }

  /** Opens a segment file at its first line, reading through a buffer of the given size. */
  static EntryIterator open(Path file, SessionId session, SegmentId segment, int bufferSize) {
    return open(file, session, segment, bufferSize, LineLimits.DEFAULTS);
  }

  /** Opens a segment file at its first line, enforcing {@code limits} on every line. */
  static EntryIterator open(Path file, SessionId session, SegmentId segment, int bufferSize,
      LineLimits limits) {
    try {
      return new EntryIterator(
          SegmentLineReader.open(file, LinePosition.START, bufferSize, limits.maxLineBytes()),
          session, segment, limits);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  /**
   * Skips up to {@code count} entries without decoding them (line structure only).
   *
   * @return the number of entries skipped, less than {@code count} at the end of the segment
   */
  long skip(long count) {
    if (next != null || entryNumber > 0) {
      throw new IllegalStateException("skip only before the first entry is read");
    }
    long skipped = 0;
    while (skipped < count && advance()) {
      skipped++;
    }
    entryNumber = skipped;
    started = skipped > 0;
    return skipped;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    if (!advance()) {
      done = true;
      if (!started) {
        throw new InvalidSegmentStructureException(1, StoreErrors.location(reader.file())
            + " holds no committed entry; a segment starts with its segment_start");
      }
      return false;
    }
    entryNumber++;
    next = decodeCurrent(Decoding.WHOLE);
    return true;
  }

  @Override
  public LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LogEntry entry = Objects.requireNonNull(next, "hasNext() decoded the next entry");
    next = null;
    return entry;
  }

  /**
   * Decodes the first entry without its history ({@link EntryCodec#decodeSkippingHistory}), with
   * the same checks as a full read: it must be a {@code segment_start} of the session. Only before
   * anything else is read; the iterator is then spent.
   *
   * @return the segment_start, with an empty history
   */
  LogEntry.SegmentStart startWithoutHistory() {
    if (next != null || entryNumber > 0) {
      throw new IllegalStateException("the first entry was already read");
    }
    done = true;
    if (!advance()) {
      throw new InvalidSegmentStructureException(1, StoreErrors.location(reader.file())
          + " holds no committed entry; a segment starts with its segment_start");
    }
    entryNumber++;
    LogEntry entry = decodeCurrent(Decoding.SKIP_HISTORY);
    return (LogEntry.SegmentStart) entry;
  }

  /** {@return the number of entries read or skipped so far} */
  long entryCount() {
    return entryNumber;
  }

  private boolean advance() {
    try {
      return reader.next();
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    }
  }

  private LogEntry decodeCurrent(Decoding decoding) {
    long line = reader.lineNumber();
    long offset = reader.byteOffset();
    LogEntry entry;
    try {
      // lineText() checks strict UTF-8 (only where the fast JDK decoding saw a malformed byte);
      // decoding the text skips a second, checking decoder pass over the bytes.
      if (decoding == Decoding.WHOLE) {
        entry = EntryCodec.decode(reader.lineText(), limits);
      } else {
        reader.requireValidUtf8();
        entry =
            EntryCodec.decodeSkippingHistory(
                reader.buffer(), reader.lineStart(), reader.lineLength(), limits);
      }
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, session, segment);
    } catch (MalformedEntryException e) {
      throw StoreErrors.corrupt(e, reader.file(), line, offset);
    } catch (JsonLimitException e) {
      throw StoreErrors.limit(e, reader.file(), line, offset);
    } catch (SegmentLogException e) {
      throw StoreErrors.withPlace(e, reader.file(), line, offset);
    }
    checkShape(entry, line, offset);
    return entry;
  }

  private void checkShape(LogEntry entry, long line, long offset) {
    String place = StoreErrors.location(reader.file()) + ": line " + line + " (byte " + offset
        + ") ";
    if (!started) {
      started = true;
      if (!(entry instanceof LogEntry.SegmentStart start)) {
        throw new InvalidSegmentStructureException(entryNumber,
            place + "is " + entry.kind() + ", but a segment's first entry is its segment_start");
      }
      if (!start.sessionId().equals(session)) {
        throw new InvalidSegmentStructureException(entryNumber, place
            + "is a segment_start of session " + start.sessionId() + ", not of " + session);
      }
    } else if (entry instanceof LogEntry.SegmentStart) {
      throw new InvalidSegmentStructureException(entryNumber,
          place + "is a second segment_start; a segment has exactly one, as its first entry");
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

  /** How much of a line is decoded. */
  private enum Decoding {
    WHOLE,
    SKIP_HISTORY
  }
}
