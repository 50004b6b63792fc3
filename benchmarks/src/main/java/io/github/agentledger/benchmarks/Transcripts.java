package io.github.agentledger.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Realistic benchmark inputs: JSONL transcripts of prose-like text, and metadata files. */
final class Transcripts {
  private static final String[] WORDS = {"the", "agent", "reads", "file", "src/main/App.java",
      "and", "then", "runs", "tests", "which", "fail", "because", "a", "null", "check", "is",
      "missing", "in", "parser", "so", "it", "adds", "one", "guard", "clause", "before", "loop",
      "{", "}", "return", "value;", "assert", "equals", "expected", "actual", "build", "green"};

  private Transcripts() {}

  /** About {@code bytes} bytes of JSON lines. */
  static byte[] jsonl(int bytes, SplittableRandom random) {
    StringBuilder out = new StringBuilder(bytes + 256);
    int line = 0;
    while (out.length() < bytes) {
      out.append("{\"type\":\"").append(line % 2 == 0 ? "user" : "assistant")
          .append("\",\"uuid\":\"").append(Long.toHexString(random.nextLong()))
          .append("\",\"message\":{\"content\":\"");
      int words = random.nextInt(20, 120);
      for (int w = 0; w < words; w++) {
        out.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
      }
      out.append("\"}}\n");
      line++;
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Where the first line's {@code uuid} value starts: a place where a benchmark can overwrite
   * {@code length} hex digits to make a transcript unique without breaking its JSON.
   */
  static int firstUuidOffset(byte[] jsonl, int length) {
    String head = new String(jsonl, 0, Math.min(jsonl.length, 256), StandardCharsets.UTF_8);
    int start = head.indexOf("\"uuid\":\"") + 8;
    int end = head.indexOf('"', start);
    if (start < 8 || end - start < length) {
      throw new IllegalStateException("the first line has no uuid of " + length + " characters");
    }
    return start;
  }

  /**
   * The {@code content_hash.txt} bytes of a transcript, {@code sha256:<hex>}, computed as every
   * writer must (the store does the same, so the baselines insert the very same blob).
   */
  static byte[] contentHash(byte[] transcript) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(transcript);
      return ("sha256:" + java.util.HexFormat.of().formatHex(digest))
          .getBytes(StandardCharsets.US_ASCII);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static byte[] sessionMetadata(String id, String createdAt) {
    return ("{\n  \"checkpoint_id\": \"" + id + "\",\n  \"session_id\": \"bench-session\",\n"
        + "  \"strategy\": \"manual-commit\",\n  \"created_at\": \"" + createdAt + "\",\n"
        + "  \"checkpoints_count\": 1,\n  \"files_touched\": [\n    \"src/App.java\"\n  ],\n"
        + "  \"agent\": \"Claude Code\",\n  \"model\": \"\"\n}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] summary(String id) {
    String base = "/" + id.substring(0, 2) + "/" + id.substring(2) + "/0/";
    return ("{\n  \"checkpoint_id\": \"" + id + "\",\n  \"strategy\": \"manual-commit\",\n"
        + "  \"checkpoints_count\": 1,\n  \"files_touched\": [\n    \"src/App.java\"\n  ],\n"
        + "  \"sessions\": [\n    {\n      \"metadata\": \"" + base + "metadata.json\",\n"
        + "      \"transcript\": \"" + base + "full.jsonl\",\n"
        + "      \"content_hash\": \"" + base + "content_hash.txt\",\n"
        + "      \"prompt\": \"" + base + "prompt.txt\"\n    }\n  ]\n}\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
