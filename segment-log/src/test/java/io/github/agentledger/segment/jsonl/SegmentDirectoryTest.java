package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentDirectoryTest {
  private static final UUID OLD = UUID.fromString("0197a000-0000-7000-8000-000000000001");
  private static final UUID NEW = UUID.fromString("0197b000-0000-7000-8000-000000000001");

  @TempDir Path root;

  @Test
  void listsUuidNamedSessionsNewestFirstAndIgnoresEverythingElse() throws IOException {
    Files.createDirectories(SegmentPaths.sessionDir(root, OLD));
    Files.createDirectories(SegmentPaths.sessionDir(root, NEW));
    Files.createDirectories(root.resolve("not-a-uuid"));
    Files.createDirectories(root.resolve(NEW.toString().toUpperCase(java.util.Locale.ROOT)));
    Files.writeString(root.resolve(UUID.randomUUID().toString()), "a file, not a dir");
    assertThat(SegmentDirectory.listSessions(root)).containsExactly(NEW, OLD);
  }

  @Test
  void listsSegmentFilesOnlyNotTracesLocksOrTempFiles() throws IOException {
    Path session = Files.createDirectories(SegmentPaths.sessionDir(root, OLD));
    Path oldSegment = SegmentPaths.segmentFile(root, OLD, OLD);
    Path newSegment = SegmentPaths.segmentFile(root, OLD, NEW);
    Files.writeString(oldSegment, "{}\n");
    Files.writeString(newSegment, "{}\n");
    Files.writeString(SegmentPaths.traceFile(newSegment), "{}\n");
    Files.writeString(SegmentPaths.lockFile(newSegment), "");
    Files.writeString(session.resolve("." + NEW + ".jsonl.123.tmp"), "{}\n");
    Files.writeString(session.resolve("1-1-1-1-1.jsonl"), "{}\n");
    Files.writeString(session.resolve("notes.txt"), "x");
    assertThat(SegmentDirectory.listSegments(session)).containsExactly(NEW, OLD);
  }

  @Test
  void aMissingDirectoryListsNothing() {
    assertThat(SegmentDirectory.listSessions(root.resolve("absent"))).isEmpty();
    assertThat(SegmentDirectory.listSegments(root.resolve("absent"))).isEmpty();
  }

  @Test
  void namesComeFromOnePlace() {
    Path segment = SegmentPaths.segmentFile(root, OLD, NEW);
    assertThat(segment).isEqualTo(root.resolve(OLD.toString()).resolve(NEW + ".jsonl"));
    assertThat(SegmentPaths.traceFile(segment)).hasFileName(NEW + ".trace.jsonl");
    assertThat(SegmentPaths.lockFile(segment)).hasFileName(NEW + ".jsonl.lock");
  }
}
