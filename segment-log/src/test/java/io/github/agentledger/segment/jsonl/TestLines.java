package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for building and reading lines in tests. */
final class TestLines {
  private TestLines() {}

  static byte[] line(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static List<byte[]> lines(String... texts) {
    List<byte[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(line(t));
    }
    return out;
  }

  /** Reads every committed non-blank line through a {@link SegmentLineReader}. */
  static List<String> readAll(Path file) {
    List<String> out = new ArrayList<>();
    try (SegmentLineReader reader = SegmentLineReader.open(file)) {
      while (reader.next()) {
        out.add(reader.lineText());
      }
    }
    return out;
  }

  static void write(Path file, String content) {
    try {
      Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String content(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
