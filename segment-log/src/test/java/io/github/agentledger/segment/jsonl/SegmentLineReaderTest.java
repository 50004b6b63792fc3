package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.readAll;
import static io.github.agentledger.segment.jsonl.TestLines.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLineReaderTest {
  @TempDir Path dir;

  @Test
  void givesEachLineWithItsNumberAndByteOffsetSkippingBlankLines() {
    Path file = dir.resolve("a.jsonl");
    write(file, "{\"a\":1}\n\n  \t\r\n{\"b\":2}\n");
    List<String> seen = new ArrayList<>();
    try (SegmentLineReader reader = SegmentLineReader.open(file)) {
      while (reader.next()) {
        seen.add(reader.lineNumber() + "@" + reader.byteOffset() + ":" + reader.lineText());
      }
      assertThat(reader.position()).isEqualTo(new LinePosition(22, 5));
    }
    assertThat(seen).containsExactly("1@0:{\"a\":1}", "4@14:{\"b\":2}");
  }

  @Test
  void ignoresAnUnterminatedTailAndLeavesTheFileAlone() throws IOException {
    Path file = dir.resolve("a.jsonl");
    write(file, "{\"a\":1}\n{\"b\":");
    assertThat(readAll(file)).containsExactly("{\"a\":1}");
    assertThat(Files.size(file)).isEqualTo(13);
  }

  @Test
  void aFileWithoutAnyNewlineHasNoLines() {
    Path file = dir.resolve("a.jsonl");
    write(file, "{\"torn first line\"");
    assertThat(readAll(file)).isEmpty();
  }

  @Test
  void reportsInvalidUtf8WithLineAndOffsets() throws IOException {
    Path file = dir.resolve("a.jsonl");
    byte[] bad = {'{', '}', '\n', '\n', '{', '"', (byte) 0xE3, '"', '}', '\n'};
    Files.write(file, bad);
    try (SegmentLineReader reader = SegmentLineReader.open(file)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.lineText()).isEqualTo("{}");
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::lineBytes).isInstanceOf(InvalidUtf8Exception.class);
      assertThatThrownBy(reader::requireValidUtf8).isInstanceOf(InvalidUtf8Exception.class);
      assertThatThrownBy(reader::lineText)
          .isInstanceOfSatisfying(InvalidUtf8Exception.class, e -> {
            assertThat(e.lineNumber()).isEqualTo(3);
            assertThat(e.lineOffset()).isEqualTo(4);
            assertThat(e.badByteOffset()).isEqualTo(6);
            assertThat(e.file()).isEqualTo(file);
          })
          .hasMessageContaining("line 3").hasMessageContaining("byte 4");
    }
  }

  @Test
  void aLegalReplacementCharacterIsNotMistakenForInvalidInput() {
    Path file = dir.resolve("a.jsonl");
    write(file, "{\"s\":\"\uFFFD\"}\n");
    assertThat(readAll(file)).containsExactly("{\"s\":\"\uFFFD\"}");
  }

  @Test
  void anInvalidByteInTheTornTailIsNotAnError() throws IOException {
    Path file = dir.resolve("a.jsonl");
    Files.write(file, new byte[] {'{', '}', '\n', (byte) 0xE3});
    assertThat(readAll(file)).containsExactly("{}");
  }

  @Test
  void resumesFromAPositionAnotherReaderReached() {
    Path file = dir.resolve("a.jsonl");
    write(file, "{\"a\":1}\n{\"b\":2}\n");
    LinePosition end;
    try (SegmentLineReader reader = SegmentLineReader.open(file)) {
      while (reader.next()) {
        // drain
      }
      end = reader.position();
    }
    TestLines.write(file, "{\"a\":1}\n{\"b\":2}\n\n{\"c\":3}\n");
    try (SegmentLineReader reader = SegmentLineReader.open(file, end)) {
      assertThat(reader.next()).isTrue();
      assertThat(reader.lineText()).isEqualTo("{\"c\":3}");
      assertThat(reader.lineNumber()).isEqualTo(4);
      assertThat(reader.byteOffset()).isEqualTo(17);
      assertThat(reader.next()).isFalse();
    }
  }

  @Test
  void readsLinesLongerThanItsBufferAcrossRefills() {
    Path file = dir.resolve("a.jsonl");
    StringBuilder content = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String line = "{\"i\":" + i + ",\"s\":\"" + "é".repeat(i % 37) + "\"}";
      expected.add(line);
      content.append(line).append('\n');
    }
    write(file, content.toString());
    List<String> seen = new ArrayList<>();
    try (SegmentLineReader reader = SegmentLineReader.open(file, LinePosition.START, 16)) {
      long offset = 0;
      while (reader.next()) {
        assertThat(reader.byteOffset()).isEqualTo(offset);
        offset += reader.lineLength() + 1;
        seen.add(new String(reader.lineBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void aMissingFileIsATypedError() {
    assertThatThrownBy(() -> SegmentLineReader.open(dir.resolve("nope.jsonl")))
        .isInstanceOf(SegmentMissingException.class);
  }

  @Test
  void currentLineAccessBeforeNextIsRefused() {
    Path file = dir.resolve("a.jsonl");
    write(file, "{}\n");
    try (SegmentLineReader reader = SegmentLineReader.open(file)) {
      assertThatThrownBy(reader::lineText).isInstanceOf(IllegalStateException.class);
    }
  }
}
