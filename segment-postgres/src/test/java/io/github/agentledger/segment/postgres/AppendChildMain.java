package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A node appending {@code count} messages named {@code name} to one segment, printing {@code ACK
 * <n>} once append {@code n} has returned (so it is committed).
 *
 * <p>Modes: {@code writer} opens a writer for each append (retrying while another node holds the
 * lease); {@code cas} appends through the store with the count it last read (retrying on a
 * conflict or a held lease); {@code hold} opens one writer and appends through it, then prints
 * {@code DONE} and waits to be killed.
 *
 * <p>Arguments: jdbc-url schema session segment name count lease-millis mode
 */
final class AppendChildMain {
  private AppendChildMain() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setUrl(args[0]);
    SessionId session = SessionId.parse(args[2]);
    SegmentId segment = SegmentId.parse(args[3]);
    String name = args[4];
    int count = Integer.parseInt(args[5]);
    String mode = args[7];
    try (PostgresSegmentStore store = PostgresSegmentStore.builder(source).schema(args[1])
        .leaseDuration(Duration.ofMillis(Long.parseLong(args[6]))).open()) {
      if (mode.equals("hold")) {
        SegmentWriter writer = store.openWriter(session, segment);
        for (int n = 1; n <= count; n++) {
          writer.append(List.of(PgEntries.message(name, n)));
          System.out.println("ACK " + n);
          System.out.flush();
        }
        System.out.println("DONE");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
      for (int n = 1; n <= count; n++) {
        List<LogEntry> entries = List.of(PgEntries.message(name, n));
        while (true) {
          try {
            if (mode.equals("writer")) {
              try (SegmentWriter writer = store.openWriter(session, segment)) {
                writer.append(entries);
              }
            } else {
              store.append(session, segment, store.entryCount(session, segment), entries);
            }
            break;
          } catch (SegmentLockedException | SegmentConflictException retry) {
            Thread.onSpinWait();
          }
        }
        System.out.println("ACK " + n);
        System.out.flush();
      }
    }
  }
}
