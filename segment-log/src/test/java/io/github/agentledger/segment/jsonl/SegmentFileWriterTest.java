package io.github.agentledger.segment.jsonl;

import static io.github.agentledger.segment.jsonl.TestLines.content;
import static io.github.agentledger.segment.jsonl.TestLines.lines;
import static io.github.agentledger.segment.jsonl.TestLines.readAll;
import static io.github.agentledger.segment.jsonl.TestLines.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFileWriterTest {
  @TempDir Path dir;

  private Path segment() {
    return dir.resolve("0197a000-0000-7000-8000-000000000001.jsonl");
  }

  private static final WriterOptions NONE = WriterOptions.of(Durability.NONE);

  @Test
  void repairsATornTailOnOpenAndCountsCommittedEntries() throws IOException {
    write(segment(), "{\"a\":1}\n\n{\"b\":2}\n{\"c\":");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      assertThat(Files.size(segment())).isEqualTo(17);
      assertThat(writer.entryCount()).isEqualTo(2);
      assertThat(writer.committedLength()).isEqualTo(17);
      writer.append(OptionalLong.empty(), lines("{\"d\":4}"));
    }
    assertThat(content(segment())).isEqualTo("{\"a\":1}\n\n{\"b\":2}\n{\"d\":4}\n");
  }

  @Test
  void aTornFirstLineLeavesAnEmptySegment() throws IOException {
    write(segment(), "{\"kind\":\"segment_st");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      assertThat(writer.entryCount()).isZero();
      assertThat(Files.size(segment())).isZero();
    }
  }

  @Test
  void openCountsLineStructureOnlyAndLeavesContentChecksToReaders() throws IOException {
    byte[] bytes = {'{', '}', '\n', (byte) 0xFF, '\n'};
    Files.write(segment(), bytes);
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      assertThat(writer.entryCount()).isEqualTo(2);
    }
    assertThat(Files.readAllBytes(segment())).isEqualTo(bytes);
    assertThatThrownBy(() -> readAll(segment()))
        .isInstanceOfSatisfying(InvalidUtf8Exception.class,
            e -> assertThat(e.lineNumber()).isEqualTo(2));
  }

  @Test
  void appendingToAMissingSegmentIsAnErrorNotACreate() {
    assertThatThrownBy(() -> SegmentFileWriter.open(segment(), NONE))
        .isInstanceOf(SegmentMissingException.class);
    assertThat(segment()).doesNotExist();
  }

  @Test
  void severalLinesInOneCallAreOneAppendAndTheCountIsKept() {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      AppendResult result = writer.append(OptionalLong.empty(), lines("{\"b\":2}", "{\"c\":3}"));
      assertThat(result).isEqualTo(new AppendResult(3, 24));
      assertThat(writer.entryCount()).isEqualTo(3);
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
  }

  @Test
  void compareAndAppendConflictsWhenTheCountDiffersAndWritesNothing() {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      writer.append(OptionalLong.of(1), lines("{\"b\":2}"));
      assertThatThrownBy(() -> writer.append(OptionalLong.of(1), lines("{\"x\":0}")))
          .isInstanceOfSatisfying(CountConflictException.class, e -> {
            assertThat(e.expected()).isEqualTo(1);
            assertThat(e.actual()).isEqualTo(2);
          });
      assertThat(writer.entryCount()).isEqualTo(2);
      writer.append(OptionalLong.of(2), lines("{\"c\":3}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
  }

  @Test
  void detectsBytesAppendedBySomethingThatIgnoresTheLock() throws IOException {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      Files.writeString(segment(), "{\"rogue\":1}\n", java.nio.file.StandardOpenOption.APPEND);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"b\":2}")))
          .isInstanceOfSatisfying(SegmentChangedException.class, e -> {
            assertThat(e.change()).isEqualTo(SegmentChangedException.Change.SIZE);
            assertThat(e.expectedSize()).isEqualTo(8);
            assertThat(e.actualSize()).isEqualTo(20);
          });
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"rogue\":1}");
  }

  @Test
  void compareAndAppendDetectsAFileReplacedUnderTheWriter() throws IOException {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      Path other = dir.resolve("other");
      write(other, "{\"z\":9}\n");
      Files.move(other, segment(), StandardCopyOption.ATOMIC_MOVE);
      assertThatThrownBy(() -> writer.append(OptionalLong.of(1), lines("{\"b\":2}")))
          .isInstanceOfSatisfying(SegmentChangedException.class,
              e -> assertThat(e.change()).isEqualTo(SegmentChangedException.Change.REPLACED));
      Files.delete(segment());
      assertThatThrownBy(() -> writer.append(OptionalLong.of(1), lines("{\"b\":2}")))
          .isInstanceOfSatisfying(SegmentChangedException.class,
              e -> assertThat(e.change()).isEqualTo(SegmentChangedException.Change.DELETED));
    }
  }

  @Test
  void aSecondWriterInTheSameJvmFailsAtOnceUntilTheFirstCloses() {
    write(segment(), "{\"a\":1}\n");
    SegmentFileWriter first = SegmentFileWriter.open(segment(), NONE);
    assertThatThrownBy(() -> SegmentFileWriter.open(segment(), NONE))
        .isInstanceOfSatisfying(WriterLockedException.class, e -> assertThat(e.lockFile())
            .hasFileName("0197a000-0000-7000-8000-000000000001.jsonl.lock"));
    // the refused attempt did not release the first writer's lock
    assertThatThrownBy(() -> SegmentFileWriter.open(segment(), NONE))
        .isInstanceOf(WriterLockedException.class);
    first.append(OptionalLong.empty(), lines("{\"b\":2}"));
    first.close();
    first.close();
    try (SegmentFileWriter second = SegmentFileWriter.open(segment(), NONE)) {
      assertThat(second.entryCount()).isEqualTo(2);
    }
    assertThat(SegmentPaths.lockFile(segment())).exists();
  }

  @Test
  void aClosedWriterRefusesAppends() {
    write(segment(), "{\"a\":1}\n");
    SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE);
    writer.close();
    assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"b\":2}")))
        .isInstanceOf(WriterUnusableException.class).hasMessageContaining("closed");
  }

  @Test
  void aFailedWriteIsRolledBackAndTheNextAppendWorks() {
    write(segment(), "{\"a\":1}\n");
    AtomicReference<FaultyChannel> channel = new AtomicReference<>();
    WriterOptions options = NONE.withOpener((file, opts) -> {
      FaultyChannel c = new FaultyChannel(java.nio.channels.FileChannel.open(file, opts));
      channel.set(c);
      return c;
    });
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), options)) {
      channel.get().failWrite(1, 5);
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{\"b\":2}", "{\"c\":3}")))
          .isInstanceOfSatisfying(SegmentFileIoException.class, e -> assertThat(e.operation())
              .isEqualTo(SegmentFileIoException.Operation.APPEND));
      assertThat(content(segment())).isEqualTo("{\"a\":1}\n");
      assertThat(writer.entryCount()).isEqualTo(1);
      writer.append(OptionalLong.of(1), lines("{\"d\":4}"));
    }
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"d\":4}");
  }

  @Test
  void rejectsBlankLinesAndLinesWithNewlinesBeforeWriting() {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{}", " ")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lines[1]");
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), lines("{}\n{}")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newline");
      assertThatThrownBy(() -> writer.append(OptionalLong.empty(), List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(content(segment())).isEqualTo("{\"a\":1}\n");
  }

  @Test
  void traceLinesGoToTheirOwnFileAndNeverChangeTheEntryCount() {
    write(segment(), "{\"a\":1}\n");
    try (SegmentFileWriter writer = SegmentFileWriter.open(segment(), NONE)) {
      writer.appendTrace(lines("{\"t\":1}", "{\"t\":2}"));
      assertThat(writer.entryCount()).isEqualTo(1);
      writer.append(OptionalLong.of(1), lines("{\"b\":2}"));
    }
    Path trace = dir.resolve("0197a000-0000-7000-8000-000000000001.trace.jsonl");
    assertThat(readAll(trace)).containsExactly("{\"t\":1}", "{\"t\":2}");
    assertThat(readAll(segment())).containsExactly("{\"a\":1}", "{\"b\":2}");
  }
}
