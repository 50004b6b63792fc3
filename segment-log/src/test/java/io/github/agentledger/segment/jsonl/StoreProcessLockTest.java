package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes race for one segment's writer through the store: exactly one wins. */
class StoreProcessLockTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = LogEntryFixtures.SEGMENT;

  @TempDir Path dir;

  @Test
  void ofTwoProcessesOpeningTheSameSegmentsWriterExactlyOneWins() {
    Path root = dir.resolve("store");
    JsonlSegmentStore store = JsonlSegmentStore.open(root, Durability.NONE);
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    String[] args = {root.toString(), SESSION.toString(), SEGMENT.toString()};
    for (int round = 0; round < 2; round++) {
      try (ChildJvm a = ChildJvm.start(StoreLockContenderMain.class,
              dir.resolve("a" + round + ".err"), args);
          ChildJvm b = ChildJvm.start(StoreLockContenderMain.class,
              dir.resolve("b" + round + ".err"), args)) {
        assertThat(a.expectLine()).isEqualTo("READY");
        assertThat(b.expectLine()).isEqualTo("READY");
        a.send("GO");
        b.send("GO");
        List<String> results = List.of(a.expectLine(), b.expectLine());
        assertThat(results).as("round %d", round).filteredOn("WON"::equals).hasSize(1);
        assertThat(results).filteredOn(r -> r.startsWith("LOCKED")).hasSize(1)
            .allSatisfy(r -> assertThat(r).contains(SEGMENT.toString(), "locked"));
        // while the winner holds it, this process is refused at once too, and reads still work
        assertThatThrownBy(
                () -> store.append(SESSION, SEGMENT, List.of(new LogEntry.TurnEnd(1, 1))))
            .isInstanceOf(SegmentLockedException.class);
        assertThat(store.restore(SESSION, SEGMENT).entryCount()).isEqualTo(1 + round);
        a.closeStdin();
        b.closeStdin();
        assertThat(a.waitFor()).isZero();
        assertThat(b.waitFor()).isZero();
      }
      assertThat(store.append(SESSION, SEGMENT, List.of(new LogEntry.TurnEnd(1, 1))))
          .isEqualTo(2 + round);
    }
  }
}
