package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link StoreProcessLockTest}: prints READY, waits for GO on stdin, tries to open
 * the segment's writer through a {@link JsonlSegmentStore} and prints WON or LOCKED. A winner
 * holds the writer until stdin closes.
 */
final class StoreLockContenderMain {
  private StoreLockContenderMain() {}

  public static void main(String[] args) throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.NONE);
    SessionId session = SessionId.parse(args[1]);
    SegmentId segment = SegmentId.parse(args[2]);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    System.out.flush();
    if (!"GO".equals(stdin.readLine())) {
      return;
    }
    SegmentWriter writer;
    try {
      writer = store.openWriter(session, segment);
    } catch (SegmentLockedException e) {
      System.out.println("LOCKED " + e.getMessage());
      System.out.flush();
      return;
    }
    System.out.println("WON");
    System.out.flush();
    while (stdin.readLine() != null) {
      // hold the writer until the parent closes stdin
    }
    writer.close();
  }
}
