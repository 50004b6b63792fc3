package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The file-level rules of the checkpoint format that fixtures need: chunk names and JSONL
 * chunking (§2.5), content hashes (§2.6), the prompt separator (§2.8), and fixture transcripts.
 */
final class FixtureLayouts {
  static final String PROMPT_SEPARATOR = "\n\n---\n\n";

  private FixtureLayouts() {}

  /** {@return the sharded checkpoint directory {@code id[0:2]/id[2:]}} */
  static String shard(String checkpointId) {
    return checkpointId.substring(0, 2) + "/" + checkpointId.substring(2);
  }

  /** {@return {@code "sha256:" + lowercase hex}, no newline} */
  static String sha256(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return the prompts joined as {@code prompt.txt} stores them} */
  static String promptText(List<String> prompts) {
    return String.join(PROMPT_SEPARATOR, prompts);
  }

  /**
   * Splits a JSONL transcript the way the format's chunker would if its limit were
   * {@code linesPerChunk} lines: chunks of whole lines, the last {@code \n} of each chunk removed,
   * so joining the chunks with {@code \n} gives back the transcript.
   */
  static List<byte[]> chunks(byte[] transcript, int linesPerChunk) {
    if (linesPerChunk <= 0) {
      return List.of(transcript);
    }
    String[] lines = new String(transcript, UTF_8).split("\n", -1);
    List<byte[]> chunks = new ArrayList<>();
    for (int from = 0; from < lines.length; from += linesPerChunk) {
      String[] part = Arrays.copyOfRange(lines, from, Math.min(lines.length, from + linesPerChunk));
      chunks.add(String.join("\n", part).getBytes(UTF_8));
    }
    return chunks;
  }

  /** {@return chunk file names: {@code base}, {@code base.001}, {@code base.002}, …} */
  static List<String> chunkNames(String base, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(i == 0 ? base : base + String.format(".%03d", i));
    }
    return names;
  }

  /**
   * Adds a slot's raw transcript chunk files and hash file to {@code files}.
   *
   * @return the chunk file names, in reassembly order (empty when there is no transcript)
   */
  static List<String> putTranscript(SortedMap<String, byte[]> files, String slotDir,
      FixtureSession session, String base, String hashName) {
    byte[] transcript = session.transcript();
    if (transcript.length == 0) {
      return List.of();
    }
    List<byte[]> chunks = chunks(transcript, session.linesPerChunk());
    List<String> names = chunkNames(base, chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      files.put(slotDir + names.get(i), chunks.get(i));
    }
    files.put(slotDir + hashName, sha256(transcript).getBytes(UTF_8));
    return names;
  }

  /** Removes every file under {@code directory/} from {@code files}. */
  static void clear(SortedMap<String, byte[]> files, String directory) {
    files.subMap(directory + "/", directory + "/\uffff").clear();
  }

  /** {@return a Claude-Code-like JSONL transcript of {@code lines} lines, newline-terminated} */
  static byte[] transcript(String sessionId, String topic, int lines) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      String role = i % 2 == 0 ? "user" : "assistant";
      out.append("{\"type\":\"").append(role).append("\",\"uuid\":\"")
          .append(String.format("00000000-0000-4000-8000-%012d", i)).append("\",\"sessionId\":\"")
          .append(sessionId).append("\",\"message\":{\"role\":\"").append(role)
          .append("\",\"content\":\"").append(topic).append(" step ").append(i)
          .append(" – ünïcødé ✓\"}}\n");
    }
    return out.toString().getBytes(UTF_8);
  }

  /** {@return a file map of {@code entries} (path, UTF-8 text) pairs} */
  static SortedMap<String, byte[]> files(String... entries) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      files.put(entries[i], entries[i + 1].getBytes(UTF_8));
    }
    return files;
  }
}
