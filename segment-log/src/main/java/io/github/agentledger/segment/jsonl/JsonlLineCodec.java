package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentLogException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The JSONL line of a {@link LogEntry}, for other stores that keep entries as the same bytes as
 * the segment files of {@link JsonlSegmentStore} (so a session moves between them byte for byte).
 *
 * <p>A line is a compact JSON object in UTF-8, {@code kind} first, without its newline; decoding
 * is strict, and an unknown kind is kept byte for byte as {@link LogEntry.Unknown}. The format is
 * the one {@link JsonlSegmentStore} documents. Stateless and thread-safe.
 */
public final class JsonlLineCodec {
  private JsonlLineCodec() {}

  /**
   * Encodes an entry as one line.
   *
   * @param entry the entry
   * @return its line in UTF-8, without a newline
   * @throws IllegalArgumentException if a string of the entry holds a lone surrogate, which UTF-8
   *     cannot carry
   */
  public static byte[] encode(LogEntry entry) {
    return EntryCodec.encode(Objects.requireNonNull(entry, "entry"));
  }

  /**
   * Decodes one line.
   *
   * @param line the line's bytes, without its newline
   * @param location where the line is stored, for the error message
   * @param lineNumber the 1-based number of the line in its segment, for the error message
   * @param byteOffset the offset of the line's first byte in the segment's JSONL form
   * @return the entry
   * @throws CorruptSegmentException if the line is not valid UTF-8, not valid JSON, or not a valid
   *     entry
   * @throws io.github.agentledger.segment.UnsupportedFormatVersionException if it is a {@code
   *     segment_start} of an unsupported format version
   */
  public static LogEntry decode(byte[] line, String location, long lineNumber, long byteOffset) {
    try {
      return EntryCodec.decode(line);
    } catch (MalformedEntryException e) {
      throw e.toCorrupt(location, lineNumber, byteOffset);
    } catch (SegmentLogException e) {
      e.addSuppressed(new CorruptSegmentException(location, lineNumber, byteOffset,
          "was rejected: " + e.getMessage(), null));
      throw e;
    }
  }

  /**
   * Decodes one line without building the value of its top-level {@code history} field (replaced
   * by an empty history, checked for JSON syntax only): the cheap read of a {@code segment_start}
   * for lineage queries.
   *
   * @param line the line's bytes, without its newline
   * @param location where the line is stored, for the error message
   * @param lineNumber the 1-based number of the line in its segment, for the error message
   * @param byteOffset the offset of the line's first byte in the segment's JSONL form
   * @return the entry, with an empty history if it has one
   * @throws CorruptSegmentException if the line is not valid UTF-8, not valid JSON, or not a valid
   *     entry
   */
  public static LogEntry decodeWithoutHistory(
      byte[] line, String location, long lineNumber, long byteOffset) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line));
      return EntryCodec.decodeSkippingHistory(line, 0, line.length);
    } catch (CharacterCodingException e) {
      throw new CorruptSegmentException(location, lineNumber, byteOffset,
          "is not valid UTF-8: " + e.getMessage(), e);
    } catch (MalformedEntryException e) {
      throw e.toCorrupt(location, lineNumber, byteOffset);
    }
  }
}
