package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a JSONL transcript into chunk files and joins them back (spec §2.5). A transcript of at
 * most {@code maxChunkBytes} is one chunk stored under the base name. A larger one is cut at line
 * boundaries: lines (each with its {@code \n}) are added to a chunk until the next would pass the
 * limit, and each chunk then loses one trailing {@code \n}; joining the chunks with {@code \n}
 * gives the original bytes back. Chunk 0 is {@code <base>}, chunk i is {@code <base>.%03d}.
 * Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class TranscriptChunks {
  /** The Entire CLI's chunk limit, 50 MiB. */
  public static final int MAX_CHUNK_BYTES = 50 * 1024 * 1024;

  private TranscriptChunks() {}

  public static String chunkName(String base, int index) {
    return index == 0 ? base : base + "." + String.format("%03d", index);
  }

  public static List<byte[]> split(byte[] content, int maxChunkBytes) {
    if (content.length <= maxChunkBytes) {
      return List.of(content);
    }
    List<byte[]> chunks = new ArrayList<>();
    ByteArrayOutputStream current = new ByteArrayOutputStream();
    int lineStart = 0;
    int lineNumber = 1;
    while (lineStart <= content.length) {
      int newline = indexOf(content, (byte) '\n', lineStart);
      int lineEnd = newline < 0 ? content.length : newline;
      int withNewline = lineEnd - lineStart + 1;
      if (withNewline > maxChunkBytes) {
        throw new CheckpointStorageException("transcript line " + lineNumber + " is "
            + (withNewline - 1) + " bytes, longer than the chunk limit of " + maxChunkBytes
            + " bytes; it cannot be stored", null);
      }
      if (current.size() > 0 && current.size() + withNewline > maxChunkBytes) {
        chunks.add(withoutTrailingNewline(current.toByteArray()));
        current.reset();
      }
      current.write(content, lineStart, lineEnd - lineStart);
      current.write('\n');
      lineStart = lineEnd + 1;
      lineNumber++;
    }
    chunks.add(withoutTrailingNewline(current.toByteArray()));
    return chunks;
  }

  public static byte[] join(List<byte[]> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < chunks.size(); i++) {
      if (i > 0) {
        out.write('\n');
      }
      out.writeBytes(chunks.get(i));
    }
    return out.toByteArray();
  }

  /**
   * Orders the chunk files found among the names of a directory: when numbered chunks exist they
   * come sorted by number, after the base file when present; otherwise the base file alone, else
   * the legacy name.
   *
   * @param names the file names in the session directory
   * @param base the chunk base name
   * @param legacyName a legacy single-file name to fall back on, or empty
   * @return the chunk file names in order, empty when there is no transcript
   */
  public static List<String> orderedChunkNames(
      Iterable<String> names, String base, Optional<String> legacyName) {
    Pattern numbered = Pattern.compile(Pattern.quote(base) + "\\.(\\d{3,})");
    Map<Integer, String> byIndex = new TreeMap<>();
    boolean hasBase = false;
    boolean hasLegacy = false;
    for (String name : names) {
      Matcher m = numbered.matcher(name);
      if (name.equals(base)) {
        hasBase = true;
      } else if (legacyName.isPresent() && name.equals(legacyName.get())) {
        hasLegacy = true;
      } else if (m.matches()) {
        int index = Integer.parseInt(m.group(1));
        if (index >= 1) {
          byIndex.put(index, name);
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    if (hasBase) {
      ordered.add(base);
    }
    if (!byIndex.isEmpty()) {
      ordered.addAll(byIndex.values());
      return ordered;
    }
    if (!hasBase && hasLegacy) {
      ordered.add(legacyName.get());
    }
    return ordered;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] withoutTrailingNewline(byte[] chunk) {
    if (chunk.length > 0 && chunk[chunk.length - 1] == '\n') {
      return Arrays.copyOf(chunk, chunk.length - 1);
    }
    return chunk;
  }
}
