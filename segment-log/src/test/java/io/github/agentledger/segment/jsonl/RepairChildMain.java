package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Child JVM for {@link StoreRepairTest}: forks into new sessions over and over, each a segment
 * whose first line is about 16 MB (as a late fork's is), and prints {@code CREATED <session>
 * <segment>} after each acknowledged one, until killed.
 */
final class RepairChildMain {
  private RepairChildMain() {}

  public static void main(String[] args) {
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.NONE);
    IdGenerator ids = IdGenerator.create(Clock.systemUTC(), new SplittableRandom(11));
    String prompt = "p".repeat(16 << 20);
    for (int i = 0; i < 1000; i++) {
      SessionId session = ids.newSessionId();
      SegmentId segment = ids.newSegmentId();
      store.create(session, segment, List.of(LogEntry.SegmentStart.fresh(i, session,
          Optional.of(prompt), RequestConfig.defaults(), List.of())));
      System.out.println("CREATED " + session + " " + segment);
      System.out.flush();
    }
  }
}
