package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Splits a JSONL transcript into chunk files and joins them back
 * (docs/checkpoint-format.md#transcripts-chunks-and-hashes). A transcript of at most {@code
 * maxChunkBytes} is one chunk stored under the base name. A larger one is cut at line boundaries:
 * lines (each with its {@code \n}) are added to a chunk until the next would pass the limit, and
 * each chunk then loses one trailing {@code \n}; joining the chunks with {@code \n} gives the
 * original bytes back. Chunk 0 is {@code <base>}, chunk i is {@code <base>.%03d}. Stateless.
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
   * Orders the chunk files found among the names of a directory, checking that they form one
   * complete set (docs/checkpoint-format.md#transcripts-chunks-and-hashes). The Entire CLI names
   * chunk {@code i ≥ 1} {@code <base>.%03d} (Go's {@code fmt.Sprintf(".%03d", i)}: three digits
   * up to 999, then as many as the number needs, never a leading zero beyond three digits), and
   * chunk 0 is {@code <base>} itself. A name {@code <base>.<digits>} that is not exactly how
   * chunk {@code i} is spelled ({@code .01}, {@code .0001}, {@code .000}, a number past
   * {@value #MAX_CHUNKS}), numbered chunks without the base file, and a gap in the numbers
   * ({@code .001} + {@code .003}) are corruption: reading on would silently drop or reorder part
   * of the transcript. Names whose suffix is not all digits ({@code full.jsonl.tmp}) are not
   * chunks and are ignored, as the Entire CLI ignores them. Without numbered chunks: the base
   * file alone, else the legacy name.
   *
   * @param names the file names in the session directory
   * @param base the chunk base name
   * @param legacyName a legacy single-file name to fall back on, or empty
   * @param where the ref and path of the directory, for the error message
   * @return the chunk file names in order, empty when there is no transcript
   * @throws CorruptCheckpointException if the chunk files do not form one complete set
   */
  public static List<String> orderedChunkNames(
      Iterable<String> names, String base, Optional<String> legacyName, String where) {
    Map<Integer, String> byIndex = new TreeMap<>();
    boolean hasBase = false;
    boolean hasLegacy = false;
    String prefix = base + ".";
    for (String name : names) {
      if (name.equals(base)) {
        hasBase = true;
      } else if (legacyName.isPresent() && name.equals(legacyName.get())) {
        hasLegacy = true;
      } else if (name.startsWith(prefix) && isDigits(name, prefix.length())) {
        String digits = name.substring(prefix.length());
        int index = digits.length() > 9 ? -1 : Integer.parseInt(digits);
        if (index < 1 || index > MAX_CHUNKS || !chunkName(base, index).equals(name)) {
          throw new CorruptCheckpointException(where, "\"" + name + "\" is not a transcript chunk"
              + " name the Entire CLI writes (" + base + ".001 to " + base + ".999, then "
              + base + ".1000 and up, at most " + MAX_CHUNKS + " chunks)", null);
        }
        String other = byIndex.putIfAbsent(index, name);
        if (other != null) {
          throw new CorruptCheckpointException(where,
              "transcript chunk " + index + " is stored twice (\"" + other + "\")", null);
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    if (!byIndex.isEmpty()) {
      if (!hasBase) {
        throw new CorruptCheckpointException(where, "transcript chunks " + byIndex.values()
            + " are stored without their first chunk \"" + base + "\"", null);
      }
      int expected = 1;
      for (int index : byIndex.keySet()) {
        if (index != expected) {
          throw new CorruptCheckpointException(where, "transcript chunk " + expected + " (\""
              + chunkName(base, expected) + "\") is missing before \"" + byIndex.get(index)
              + "\"", null);
        }
        expected++;
      }
      ordered.add(base);
      ordered.addAll(byIndex.values());
      return ordered;
    }
    if (hasBase) {
      ordered.add(base);
    } else if (hasLegacy) {
      ordered.add(legacyName.get());
    }
    return ordered;
  }

  /**
   * The most chunks a transcript may have: about 488 GiB at the Entire CLI's chunk size, far past
   * what any writer stores, and small enough that a chunk number never overflows.
   */
  public static final int MAX_CHUNKS = 9999;

  private static boolean isDigits(String name, int from) {
    if (from >= name.length()) {
      return false;
    }
    for (int i = from; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
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
