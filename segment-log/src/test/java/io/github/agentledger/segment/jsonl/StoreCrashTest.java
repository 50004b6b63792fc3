package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills (SIGKILL) a child JVM appending entries through a {@link JsonlSegmentStore} at a random
 * moment, then checks through the store that the segment restores, holds every acknowledged
 * entry exactly once and exactly as written, and takes the next append. Unacknowledged entries
 * may be present (a prefix of a batch being written, see the store's known limit); torn lines
 * never are, or the restore would fail.
 */
class StoreCrashTest {
  private static final int RUNS = Integer.getInteger("agentledger.stress.crashRuns", 5);
  private static final long SEED = Long.getLong("agentledger.crash.seed", 20261122L);
  private static final SessionId SESSION = LogEntryFixtures.SESSION;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = Durability.class, names = {"FSYNC_EACH", "GROUP_COMMIT"})
  void everyAcknowledgedEntrySurvivesAKillAndTheSegmentStaysWritable(Durability durability) {
    RandomGenerator random = new SplittableRandom(SEED ^ durability.ordinal());
    for (int run = 0; run < RUNS; run++) {
      Path root = dir.resolve(durability + "-" + run);
      SegmentId segment = SegmentId.parse("0197a000-0000-7000-8000-00000000000" + (run % 10));
      JsonlSegmentStore store = JsonlSegmentStore.open(root, durability);
      store.create(SESSION, segment, List.of(LogEntryFixtures.start(SESSION)));
      int killAfterAcks = random.nextInt(1, 150);
      Set<String> acked = new HashSet<>();
      try (ChildJvm child = ChildJvm.start(StoreAppendChildMain.class,
          dir.resolve(durability + "-" + run + ".err"), root.toString(), SESSION.toString(),
          segment.toString(), durability.name(), "4")) {
        while (acked.size() < killAfterAcks) {
          acked.add(child.expectLine());
        }
        child.kill();
        for (Optional<String> rest = child.readLine(); rest.isPresent();
            rest = child.readLine()) {
          acked.add(rest.get()); // printed before the kill: acknowledged too
        }
      }
      String context = durability + " run " + run + " (seed " + SEED + ", killed after "
          + killAfterAcks + " acks)";

      RestoredState state = store.restore(SESSION, segment);
      Set<String> present = new HashSet<>();
      for (HistoryItem item : state.history()) {
        HistoryItem.ToolResult result = (HistoryItem.ToolResult) item;
        String[] id = result.callId().split("-");
        LogEntry expected = StoreAppendChildMain.entry(
            Integer.parseInt(id[0]), Integer.parseInt(id[1]));
        assertThat(item).as(context).isEqualTo(((LogEntry.ToolResult) expected).item());
        assertThat(present.add(id[0] + " " + id[1]))
            .as(context + ": duplicate " + result.callId()).isTrue();
      }
      assertThat(present).as(context).containsAll(acked);
      assertThat(state.entryCount()).as(context).isEqualTo(present.size() + 1);

      long next = store.append(SESSION, segment, state.entryCount(),
          List.of(StoreAppendChildMain.entry(9, 0)));
      assertThat(next).as(context).isEqualTo(state.entryCount() + 1);
      assertThat(store.restore(SESSION, segment, state).history()).as(context)
          .endsWith(((LogEntry.ToolResult) StoreAppendChildMain.entry(9, 0)).item());
    }
  }
}
