package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLimitExceededException;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;

/**
 * Child JVM for {@link ReadLimitsTest}, run with a small heap: restores one segment and prints
 * {@code OK <entries>}, or {@code LIMIT <limit> line <n> <millis>} when a limit refused it.
 */
final class LimitsChildMain {
  private LimitsChildMain() {}

  public static void main(String[] args) {
    Path root = Path.of(args[1]);
    JsonlSegmentStore.Builder builder = JsonlSegmentStore.builder(root, Durability.NONE);
    if (args[0].equals("restore-16mib")) {
      builder.maxLineBytes(16 << 20);
    }
    JsonlSegmentStore store = builder.open();
    long start = System.nanoTime();
    try {
      long entries = store.restore(SessionId.parse(args[2]), SegmentId.parse(args[3]))
          .entryCount();
      System.out.println("OK " + entries);
    } catch (SegmentLimitExceededException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("LIMIT " + e.limit() + " line " + e.lineNumber().orElse(-1) + " "
          + millis);
    }
  }
}
