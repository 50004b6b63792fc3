package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.content;
import static io.github.agentledger.segment.jsonl.TestLines.lines;
import static io.github.agentledger.segment.jsonl.TestLines.readAll;
import static io.github.agentledger.segment.jsonl.TestLines.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WholeFileWriteTest {
  @TempDir Path dir;

  private Path segment() {
    return dir.resolve("0197a000-0000-7000-8000-000000000002.jsonl");
  }

  private static final WriterOptions NONE = WriterOptions.of(Durability.NONE);

  /** Fails the first write into any temp file; other channels are left alone. */
  private static final WriterOptions FAIL_TEMP_WRITES = NONE.withOpener((file, opts) -> {
    FaultyChannel channel = new FaultyChannel(FileChannel.open(file, opts));
    return file.getFileName().toString().endsWith(".tmp") ? channel.failStreamWrites()
        : channel;
  });

  @Test
  void createWritesTheFirstLinesAndReturnsTheHeldWriter() {
    try (SegmentFileWriter writer =
        SegmentFileWriter.create(segment(), lines("{\"s\":0}", "{\"a\":1}"), NONE)) {
      assertThat(writer.entryCount()).isEqualTo(2);
      assertThatThrownBy(() -> SegmentFileWriter.open(segment(), NONE))
          .isInstanceOf(WriterLockedException.class);
      writer.append(OptionalLong.of(2), lines("{\"b\":2}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"s\":0}", "{\"a\":1}", "{\"b\":2}");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void createFailsIfTheSegmentExistsAndLeavesItUntouched() {
    write(segment(), "{\"old\":1}\n");
    assertThatThrownBy(() -> SegmentFileWriter.create(segment(), lines("{\"new\":1}"), NONE))
        .isInstanceOf(SegmentExistsException.class);
    assertThat(content(segment())).isEqualTo("{\"old\":1}\n");
    SegmentFileWriter.open(segment(), NONE).close(); // lock was released
  }

  @Test
  void aFailedCreateLeavesNoSegmentAndNoTempFile() {
    assertThatThrownBy(() -> SegmentFileWriter.create(segment(), lines("{\"s\":0}"),
        FAIL_TEMP_WRITES)).isInstanceOf(SegmentFileIoException.class);
    assertThat(segment()).doesNotExist();
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void truncateKeepsTheFirstEntriesAndAppendsContinueAfterThem() {
    write(segment(), "{\"a\":1}\n\n{\"b\":2}\n{\"c\":3}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), WriterOptions.of(
        Durability.GROUP_COMMIT))) {
      writer.append(OptionalLong.of(3), lines("{\"d\":4}"));
      writer.truncateTo(2);
      assertThat(writer.entryCount()).isEqualTo(2);
      assertThat(content(segment())).isEqualTo("{\"a\":1}\n\n{\"b\":2}\n");
      writer.append(OptionalLong.of(2), lines("{\"e\":5}"));
      writer.truncateTo(0);
      writer.append(OptionalLong.of(0), lines("{\"f\":6}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"f\":6}");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void truncateBeyondTheEndIsATypedErrorAndChangesNothing() {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      assertThatThrownBy(() -> writer.truncateTo(2))
          .isInstanceOfSatisfying(LineCountOutOfRangeException.class, e -> {
            assertThat(e.requested()).isEqualTo(2);
            assertThat(e.available()).isEqualTo(1);
          });
      writer.append(OptionalLong.of(1), lines("{\"b\":2}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"b\":2}");
  }

  @Test
  void aFailedTruncateLeavesTheOldContentAndAUsableWriter() {
    write(segment(), "{\"a\":1}\n{\"b\":2}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), FAIL_TEMP_WRITES)) {
      assertThatThrownBy(() -> writer.truncateTo(1))
          .isInstanceOfSatisfying(SegmentFileIoException.class, e -> assertThat(e.operation())
              .isEqualTo(SegmentFileIoException.Operation.REWRITE));
      assertThat(content(segment())).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
      assertThat(writer.entryCount()).isEqualTo(2);
      writer.append(OptionalLong.of(2), lines("{\"c\":3}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void aReaderOpenDuringTruncateSeesTheWholeOldFile() {
    write(segment(), "{\"a\":1}\n{\"b\":2}\n");
    try (SegmentLineReader reader = SegmentLineReader.open(segment());
        SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      writer.truncateTo(1);
      assertThat(reader.next()).isTrue();
      assertThat(reader.next()).isTrue();
      assertThat(reader.lineText()).isEqualTo("{\"b\":2}");
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}");
  }

  private Stream<Path> tempFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList().stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
