package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 6: what killed forks and deletions leave (temp files, {@code .deleting}
 * directories, empty session directories) is removed by {@link JsonlSegmentStore#repair()},
 * reported, and never while a live operation owns it.
 */
class StoreRepairTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000e1");
  private static final SessionId OTHER = SessionId.parse("0197a000-0000-7000-8000-0000000000e2");

  @TempDir Path dir;

  private JsonlSegmentStore store() {
    return JsonlSegmentStore.builder(dir.resolve("store"), Durability.NONE)
        .repairMinAge(Duration.ZERO).open();
  }

  private Path sessionDir(SessionId session) {
    return dir.resolve("store").resolve(session.toString());
  }

  private static List<Path> tempFiles(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  @Test
  @Timeout(180)
  void aForkKilledWhileWritingLeavesATempFileAndAnEmptySessionThatRepairRemoves()
      throws Exception {
    Path root = dir.resolve("store");
    Files.createDirectories(root);
    List<Path> left = List.of();
    List<String> created = new ArrayList<>();
    for (int attempt = 0; attempt < 5 && left.isEmpty(); attempt++) {
      try (ChildJvm child = ChildJvm.start(RepairChildMain.class,
          dir.resolve("child" + attempt + ".err"), root.toString())) {
        // Kill the child the moment a temp file of a fork in progress is seen.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && tempFiles(root).isEmpty()) {
          Thread.onSpinWait();
        }
        child.kill();
        for (Optional<String> line = child.readLine(); line.isPresent();
            line = child.readLine()) {
          created.add(line.get());
        }
      }
      left = tempFiles(root);
    }
    assertThat(left).as("a kill landed inside a fork's whole-file write").isNotEmpty();
    JsonlSegmentStore store = store();
    List<SessionId> listedBefore = store.listSessions();
    long leftBytes = 0;
    for (Path temp : left) {
      leftBytes += Files.size(temp);
    }

    RepairReport report = store.repair();

    assertThat(report.removedTempFiles()).containsExactlyInAnyOrderElementsOf(left);
    assertThat(report.removedBytes()).isEqualTo(leftBytes);
    assertThat(report.inUse()).isEmpty();
    for (Path temp : left) {
      SessionId killed = SessionId.parse(temp.getParent().getFileName().toString());
      if (!listedBefore.contains(killed)) {
        assertThat(report.removedEmptySessions()).contains(killed);
        assertThat(temp.getParent()).doesNotExist();
      }
    }
    assertThat(tempFiles(root)).isEmpty();
    // Every acknowledged fork is intact.
    assertThat(store.listSessions()).hasSize(created.size());
    for (String line : created) {
      String[] parts = line.split(" ");
      SessionId session = SessionId.parse(parts[1]);
      assertThat(store.restore(session, SegmentId.parse(parts[2])).entryCount()).isEqualTo(1);
    }
    assertThat(store.repair().removedNothing()).isTrue();
  }

  @Test
  void aTempFileOfALiveWriteIsLeftAndReportedInUse() throws IOException {
    JsonlSegmentStore store = store();
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Path target = sessionDir(SESSION).resolve(SEGMENT + ".jsonl");
    Path temp = Files.writeString(
        sessionDir(SESSION).resolve("." + SEGMENT + ".jsonl.123456789.tmp"), "partial");
    try (WriterLock live = WriterLock.acquire(target)) {
      assertThat(live.lockFile()).exists();
      RepairReport report = store.repair();
      assertThat(report.removedTempFiles()).isEmpty();
      assertThat(report.inUse()).containsExactly(temp);
      assertThat(temp).exists();
    }
    RepairReport report = store.repair();
    assertThat(report.removedTempFiles()).containsExactly(temp);
    assertThat(report.removedBytes()).isEqualTo(7);
    assertThat(store.restore(SESSION, SEGMENT).entryCount()).isEqualTo(1);
  }

  @Test
  void anInterruptedDeletionIsFinishedAndReported() throws IOException {
    JsonlSegmentStore store = store();
    store.create(OTHER, SEGMENT, List.of(LogEntryFixtures.start(OTHER)));
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    // What a deletion killed between its rename and the end of its removal leaves.
    Path deleting = dir.resolve("store").resolve("." + OTHER + ".deleting");
    Files.move(sessionDir(OTHER), deleting, StandardCopyOption.ATOMIC_MOVE);
    assertThat(store.listSessions()).containsExactly(SESSION);

    RepairReport report = store.repair();

    assertThat(report.removedDeletions()).containsExactly(deleting);
    assertThat(deleting).doesNotExist();
    assertThat(report.removedEmptySessions()).isEmpty();
    assertThat(store.restore(SESSION, SEGMENT).entryCount()).isEqualTo(1);
  }

  @Test
  void anEmptySessionDirectoryGoesOnlyOnceOldEnoughAndUnlocked() throws IOException {
    Instant now = Instant.now();
    Path root = dir.resolve("store");
    JsonlSegmentStore young = JsonlSegmentStore.builder(root, Durability.NONE)
        .repairMinAge(Duration.ofHours(1)).clock(Clock.fixed(now, ZoneOffset.UTC)).open();
    JsonlSegmentStore later = JsonlSegmentStore.builder(root, Durability.NONE)
        .repairMinAge(Duration.ofHours(1))
        .clock(Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC)).open();
    young.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Files.createDirectories(sessionDir(OTHER));
    Path lockedTarget = sessionDir(OTHER).resolve(SEGMENT + ".jsonl");
    Files.createFile(SegmentPaths.lockFile(lockedTarget));

    RepairReport tooYoung = young.repair();
    assertThat(tooYoung.removedEmptySessions()).isEmpty();
    assertThat(tooYoung.inUse()).containsExactly(sessionDir(OTHER));

    try (WriterLock creating = WriterLock.acquireForCreate(lockedTarget)) {
      assertThat(creating.lockFile()).exists();
      RepairReport locked = later.repair();
      assertThat(locked.removedEmptySessions()).isEmpty();
      assertThat(sessionDir(OTHER)).exists();
    }

    RepairReport removed = later.repair();
    assertThat(removed.removedEmptySessions()).containsExactly(OTHER);
    assertThat(sessionDir(OTHER)).doesNotExist();
    assertThat(sessionDir(SESSION)).exists();
    assertThat(later.restore(SESSION, SEGMENT).entryCount()).isEqualTo(1);
  }

  @Test
  void aCreateWhoseFreshSessionDirectoryARepairRemovedCreatesItAgain() throws IOException {
    JsonlSegmentStore store = store();
    Files.createDirectories(sessionDir(OTHER));
    store.repair(); // removes the empty directory that a creator may have just made
    store.create(OTHER, SEGMENT, List.of(LogEntryFixtures.start(OTHER)));
    assertThat(store.restore(OTHER, SEGMENT).entryCount()).isEqualTo(1);
  }
}
