package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Child JVM for {@link MemoryBoundTest}, run with a small heap: restores one segment and streams
 * another through {@code read()}, printing {@code RESTORED <entries> <turns>} and {@code READ
 * <entries>}.
 */
final class RestoreChildMain {
  private RestoreChildMain() {}

  public static void main(String[] args) {
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.NONE);
    SessionId session = SessionId.parse(args[1]);
    RestoredState state = store.restore(session, SegmentId.parse(args[2]));
    System.out.println("RESTORED " + state.entryCount() + " " + state.turnCount());
    try (Stream<LogEntry> entries = store.read(session, SegmentId.parse(args[3]))) {
      System.out.println("READ " + entries.count());
    }
    System.out.println("MAXHEAP " + Runtime.getRuntime().maxMemory());
  }
}
