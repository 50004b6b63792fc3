package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Restores a segment, then streams it, in whatever heap the parent gave; prints {@code RESTORED
 * <entries> <turns>}, {@code READ <entries>} and {@code MAXHEAP <bytes>}.
 *
 * <p>Arguments: jdbc-url schema session segment
 */
final class RestoreChildMain {
  private RestoreChildMain() {}

  public static void main(String[] args) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(args[0]);
    SessionId session = SessionId.parse(args[2]);
    SegmentId segment = SegmentId.parse(args[3]);
    try (PostgresSegmentStore store = PostgresSegmentStore.builder(source).schema(args[1])
        .fetchSize(32).open()) {
      RestoredState state = store.restore(session, segment);
      System.out.println("RESTORED " + state.entryCount() + " " + state.turnCount());
      try (Stream<LogEntry> entries = store.read(session, segment)) {
        System.out.println("READ " + entries.count());
      }
      System.out.println("MAXHEAP " + Runtime.getRuntime().maxMemory());
    }
  }
}
