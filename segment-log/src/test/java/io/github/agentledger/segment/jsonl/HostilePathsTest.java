package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentPathException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.TraceRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 9: a FIFO where a segment should be never blocks a reader, and no symbolic link
 * lets a reader or a writer leave the store root; each is a {@link SegmentPathException}.
 */
class HostilePathsTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000b1");

  @TempDir Path dir;

  private Path root() {
    return dir.resolve("store");
  }

  private Path sessionDir() {
    return root().resolve(SESSION.toString());
  }

  private static void mkfifo(Path path) throws Exception {
    Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(process.waitFor()).isZero();
  }

  @Test
  @Timeout(30)
  void aFifoAtASegmentPathFailsEveryReadAndWriteAtOnce() throws Exception {
    JsonlSegmentStore store = JsonlSegmentStore.open(root(), Durability.FSYNC_EACH);
    Files.createDirectories(sessionDir());
    mkfifo(sessionDir().resolve(SEGMENT + ".jsonl"));

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOfSatisfying(SegmentPathException.class,
            e -> assertThat(e.found()).contains("FIFO"));
    assertThatThrownBy(() -> store.read(SESSION, SEGMENT).close())
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.entryCount(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.derivation(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThat(store.exists(SESSION, SEGMENT)).isFalse();
    assertThat(store.listSegments(SESSION)).isEmpty();
  }

  @Test
  @Timeout(30)
  void aFifoAtATracePathFailsTraceReadsAndAppendsAtOnce() throws Exception {
    JsonlSegmentStore store = JsonlSegmentStore.open(root(), Durability.NONE);
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    mkfifo(sessionDir().resolve(SEGMENT + ".trace.jsonl"));
    assertThatThrownBy(() -> store.readTrace(SESSION, SEGMENT).close())
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.appendTrace(SESSION, SEGMENT,
        List.of(TraceRecord.of("{\"a\":1}"))))
        .isInstanceOf(SegmentPathException.class);
  }

  @Test
  void aSymlinkedSessionDirectoryIsNeverWrittenThroughNorRead() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    JsonlSegmentStore store = JsonlSegmentStore.open(root(), Durability.NONE);
    Files.createSymbolicLink(sessionDir(), outside);

    assertThatThrownBy(() -> store.create(SESSION, SEGMENT,
        List.of(LogEntryFixtures.start(SESSION))))
        .isInstanceOfSatisfying(SegmentPathException.class,
            e -> assertThat(e.found()).isEqualTo("a symbolic link"));
    assertThat(outside).isEmptyDirectory();

    // A segment someone placed outside, reachable only through the link.
    JsonlSegmentStore other = JsonlSegmentStore.open(dir.resolve("other"), Durability.NONE);
    other.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Files.move(dir.resolve("other").resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl"),
        outside.resolve(SEGMENT + ".jsonl"));
    long size = Files.size(outside.resolve(SEGMENT + ".jsonl"));

    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.append(SESSION, SEGMENT, List.of(new LogEntry.TurnEnd(1, 1))))
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThat(store.exists(SESSION, SEGMENT)).isFalse();
    assertThat(store.listSessions()).isEmpty();
    assertThat(store.listSegments(SESSION)).isEmpty();
    assertThat(store.lastModified(SESSION)).isEmpty();
    assertThat(Files.size(outside.resolve(SEGMENT + ".jsonl"))).isEqualTo(size);
    try (var files = Files.list(outside)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(SEGMENT + ".jsonl"); // no lock file either
    }
  }

  @Test
  void symlinkedSegmentAndTraceFilesAreNeitherReadNorWritten() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    JsonlSegmentStore store = JsonlSegmentStore.open(root(), Durability.NONE);
    JsonlSegmentStore other = JsonlSegmentStore.open(outside, Durability.NONE);
    other.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Path target = outside.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    Files.createDirectories(sessionDir());
    Files.createSymbolicLink(sessionDir().resolve(SEGMENT + ".jsonl"), target);
    long size = Files.size(target);

    assertThatThrownBy(() -> store.restore(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
        .isInstanceOf(SegmentPathException.class);
    assertThat(Files.size(target)).isEqualTo(size);

    // A real segment whose trace file is a link to a file outside the root.
    SegmentId real = SegmentId.parse("0197a000-0000-7000-8000-0000000000b2");
    store.create(SESSION, real, List.of(LogEntryFixtures.start(SESSION)));
    Path victim = Files.writeString(outside.resolve("victim.txt"), "keep\n");
    Files.createSymbolicLink(sessionDir().resolve(real + ".trace.jsonl"), victim);
    try (SegmentWriter writer = store.openWriter(SESSION, real)) {
      assertThatThrownBy(() -> writer.appendTrace(List.of(TraceRecord.of("{\"a\":1}"))))
          .isInstanceOf(SegmentPathException.class);
    }
    assertThatThrownBy(() -> store.readTrace(SESSION, real).close())
        .isInstanceOf(SegmentPathException.class);
    assertThat(Files.readString(victim)).isEqualTo("keep\n");
    assertThat(JsonText.of("{}").text()).isEqualTo("{}");
  }

  @Test
  void aLockFilePlantedAsALinkNeverCreatesAFileOutsideTheRoot() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    JsonlSegmentStore store = JsonlSegmentStore.open(root(), Durability.NONE);
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Path lock = sessionDir().resolve(SEGMENT + ".jsonl.lock");
    Files.delete(lock);
    Files.createSymbolicLink(lock, outside.resolve("planted"));
    assertThatThrownBy(() -> store.openWriter(SESSION, SEGMENT))
        .isInstanceOf(io.github.agentledger.segment.SegmentIoException.class);
    assertThat(outside).isEmptyDirectory();
  }
}
