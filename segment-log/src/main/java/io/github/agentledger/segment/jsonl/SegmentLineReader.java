package io.github.agentledger.segment.jsonl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Streams the committed lines of a segment (or trace) file, one at a time.
 *
 * <p>A line is committed once its {@code \n} is in the file; bytes after the last {@code \n} (a
 * torn tail, or a line being appended right now) are never returned, and the reader never writes
 * (repair is the writer's job). Blank lines (only spaces, tabs, carriage returns) are skipped but
 * counted in the 1-based line numbers. A line ending may be {@code \r\n}: the {@code \r} is not
 * part of the line, for every kind of line alike. A line's content is checked as strict UTF-8 when it is
 * taken ({@link #lineText()}, {@link #lineBytes()}, {@link #requireValidUtf8()}): an invalid
 * line fails with {@link InvalidUtf8Exception} naming its line and byte offsets. Advancing alone
 * ({@link #next()}, e.g. to count lines) looks only at the line structure.
 *
 * <p>Memory is bounded by the buffer (1 MiB by default) or the longest line, whichever is larger;
 * the buffer grows only to hold a committed line longer than itself, and only after the line's end
 * was found by reading ahead without keeping the bytes: a torn tail longer than the buffer is never
 * buffered (it ends the reading), and a line longer than {@code maxLineBytes} fails with {@link
 * LineTooLongException} before it is buffered. Only regular files are opened, never through a
 * symbolic link ({@link NotRegularFileException}): a FIFO would block the reader. The current line is exposed as a view
 * into the buffer ({@link #buffer()}, {@link #lineStart()}, {@link #lineLength()}), valid until
 * the next call to {@link #next()}; {@link #lineBytes()} and {@link #lineText()} copy it.
 *
 * <p>Not thread-safe: one reader per thread.
 */
final class SegmentLineReader implements Closeable {
  static final int DEFAULT_BUFFER_SIZE = 1 << 20;
  private static final int LOOKAHEAD_CHUNK = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final int maxLineBytes;
  private byte @Nullable [] lookahead;
  private byte[] buf;
  private ByteBuffer view;
  private int limit;
  private int pos;
  private int scanFrom;
  private long bufFileOffset;
  private long nextLineNumber;
  private boolean endOfFile;

  private int lineStart;
  private int lineLength;
  private long lineNumber;
  private long lineOffset = -1;

  private SegmentLineReader(Path file, FileChannel channel, LinePosition from, int bufferSize,
      int maxLineBytes) {
    this.file = file;
    this.channel = channel;
    this.maxLineBytes = maxLineBytes;
    this.buf = new byte[bufferSize];
    this.view = ByteBuffer.wrap(buf);
    this.bufFileOffset = from.byteOffset();
    this.nextLineNumber = from.lineNumber();
  }

  /** Opens {@code file} at its first line. */
  static SegmentLineReader open(Path file) {
    return open(file, LinePosition.START);
  }

  /**
   * Opens {@code file} at {@code from}, which must be the start of a line (a position reported by
   * {@link #position()} or by a writer); line numbers continue from it.
   */
  static SegmentLineReader open(Path file, LinePosition from) {
    return open(file, from, DEFAULT_BUFFER_SIZE);
  }

  static SegmentLineReader open(Path file, LinePosition from, int bufferSize) {
    return open(file, from, bufferSize, LineLimits.DEFAULTS.maxLineBytes());
  }

  /**
   * Opens {@code file} at {@code from} through a buffer of {@code bufferSize} bytes, refusing
   * lines longer than {@code maxLineBytes}.
   *
   * @throws SegmentMissingException if it does not exist
   * @throws NotRegularFileException if it is not a regular file or is a symbolic link
   */
  static SegmentLineReader open(Path file, LinePosition from, int bufferSize, int maxLineBytes) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(from, "from");
    if (bufferSize < 16) {
      throw new IllegalArgumentException("bufferSize must be >= 16, was " + bufferSize);
    }
    FileChannel channel;
    try {
      requireRegularFile(file);
      // O_NOFOLLOW: a link swapped in after the check is refused by the open itself.
      channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new SegmentMissingException(file, e);
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.OPEN, e);
    }
    try {
      channel.position(from.byteOffset());
    } catch (IOException e) {
      closeQuietly(channel, e);
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.READ, e);
    }
    return new SegmentLineReader(file, channel, from, bufferSize, maxLineBytes);
  }

  /**
   * Checks, without following links, that {@code file} is a regular file.
   *
   * @throws NoSuchFileException if there is nothing at the path
   * @throws NotRegularFileException if it is something else
   */
  static void requireRegularFile(Path file) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new NotRegularFileException(file, describe(attributes));
    }
  }

  /** {@return what a non-regular file is, in words} */
  static String describe(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a directory";
    }
    return "not a regular file (a FIFO, socket or device)";
  }

  /**
   * Advances to the next committed, non-blank line.
   *
   * @return false at the end of the committed lines (an unterminated tail is ignored)
   * @throws InvalidUtf8Exception if the line is not valid UTF-8
   */
  boolean next() {
    while (true) {
      int nl = LineScan.indexOfNewline(buf, scanFrom, limit);
      if (nl < 0) {
        scanFrom = limit;
        if (endOfFile || !fill()) {
          lineOffset = -1;
          return false;
        }
        continue;
      }
      int start = pos;
      if (nl - start > maxLineBytes) {
        throw new LineTooLongException(file, nextLineNumber, bufFileOffset + start, nl - start,
            maxLineBytes);
      }
      long number = nextLineNumber++;
      pos = nl + 1;
      scanFrom = pos;
      if (LineScan.isBlank(buf, start, nl)) {
        continue;
      }
      int end = buf[nl - 1] == '\r' ? nl - 1 : nl; // CRLF: the \r belongs to the line ending
      lineStart = start;
      lineLength = end - start;
      lineNumber = number;
      lineOffset = bufFileOffset + start;
      return true;
    }
  }

  /** Reads more bytes, compacting or growing the buffer; false at end of file. */
  private boolean fill() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufFileOffset += pos;
      limit -= pos;
      scanFrom -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      // One line fills the buffer. Find its end before growing: a torn tail is never buffered,
      // and a line too long fails here, before a byte of it is kept.
      long newline = newlineAfter(bufFileOffset + limit);
      if (newline < 0) {
        endOfFile = true;
        return false;
      }
      long length = newline - bufFileOffset;
      if (length > maxLineBytes) {
        throw new LineTooLongException(file, nextLineNumber, bufFileOffset, length, maxLineBytes);
      }
      buf = Arrays.copyOf(buf, (int) length + 1);
      view = ByteBuffer.wrap(buf);
    }
    view.limit(buf.length).position(limit);
    int n;
    try {
      n = channel.read(view);
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.READ, e);
    }
    if (n < 0) {
      endOfFile = true;
      return false;
    }
    limit += n;
    return true;
  }

  /**
   * {@return the file offset of the first {@code \n} at or after {@code from}, or -1 if the file
   * ends first}; reads through a small scratch array, keeping nothing
   */
  private long newlineAfter(long from) {
    if (lookahead == null) {
      lookahead = new byte[LOOKAHEAD_CHUNK];
    }
    ByteBuffer chunk = ByteBuffer.wrap(lookahead);
    long offset = from;
    while (true) {
      chunk.clear();
      int n;
      try {
        n = channel.read(chunk, offset);
      } catch (IOException e) {
        throw new SegmentFileIoException(file, SegmentFileIoException.Operation.READ, e);
      }
      if (n < 0) {
        return -1;
      }
      int nl = LineScan.indexOfNewline(lookahead, 0, n);
      if (nl >= 0) {
        return offset + nl;
      }
      offset += n;
    }
  }

  /**
   * {@return the buffer holding the current line, not yet checked as UTF-8 (see
   * {@link #requireValidUtf8()}); valid until the next call to next()}
   */
  byte[] buffer() {
    requireLine();
    return buf;
  }

  /** {@return the index of the current line's first byte in buffer()} */
  int lineStart() {
    requireLine();
    return lineStart;
  }

  /** {@return the current line's length in bytes, without its newline} */
  int lineLength() {
    requireLine();
    return lineLength;
  }

  /**
   * {@return a copy of the current line's bytes, without its newline}
   *
   * @throws InvalidUtf8Exception if they are not valid UTF-8
   */
  byte[] lineBytes() {
    requireValidUtf8();
    return Arrays.copyOfRange(buf, lineStart, lineStart + lineLength);
  }

  /**
   * {@return the current line decoded}
   *
   * @throws InvalidUtf8Exception if it is not valid UTF-8
   */
  String lineText() {
    requireLine();
    String text = new String(buf, lineStart, lineLength, StandardCharsets.UTF_8);
    // The JDK decoder replaces malformed input with U+FFFD; only then can the line be invalid,
    // so the strict check runs only on lines that hold that character (rare, legal or not).
    if (text.indexOf('\uFFFD') >= 0) {
      requireValidUtf8();
    }
    return text;
  }

  /**
   * Checks the current line is strict UTF-8; callers of the raw view ({@link #buffer()}) call
   * this before trusting the bytes.
   *
   * @throws InvalidUtf8Exception if it is not
   */
  void requireValidUtf8() {
    requireLine();
    int bad = Utf8Validator.firstInvalid(buf, lineStart, lineStart + lineLength);
    if (bad >= 0) {
      throw new InvalidUtf8Exception(file, lineNumber, lineOffset, bufFileOffset + bad);
    }
  }

  /** {@return the current line's 1-based number, blank lines included} */
  long lineNumber() {
    requireLine();
    return lineNumber;
  }

  /** {@return the byte offset of the current line's first byte in the file} */
  long byteOffset() {
    requireLine();
    return lineOffset;
  }

  /**
   * {@return where the next unread line starts}. After {@link #next()} returned false this is the
   * end of the committed lines, where a later reader can resume.
   */
  LinePosition position() {
    return new LinePosition(bufFileOffset + pos, nextLineNumber);
  }

  /** {@return the file being read} */
  Path file() {
    return file;
  }

  private void requireLine() {
    if (lineOffset < 0) {
      throw new IllegalStateException("no current line: call next() and check that it is true");
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new SegmentFileIoException(file, SegmentFileIoException.Operation.CLOSE, e);
    }
  }

  private static void closeQuietly(FileChannel channel, IOException primary) {
    try {
      channel.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }
}
