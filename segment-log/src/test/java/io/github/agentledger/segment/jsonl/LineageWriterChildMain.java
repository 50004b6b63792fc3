package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.Turns;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link LineageProcessTest}: another process writing a segment. Opens the
 * segment's writer and prints {@code HOLDING}; then, per stdin line, {@code APPEND <turn>} appends
 * a completed turn and prints {@code APPENDED <count>}, {@code CLOSE} releases the writer and
 * prints {@code CLOSED}. Exits at the end of stdin.
 */
final class LineageWriterChildMain {
  private LineageWriterChildMain() {}

  public static void main(String[] args) throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.FSYNC_EACH);
    SegmentWriter writer = store.openWriter(SessionId.parse(args[1]), SegmentId.parse(args[2]));
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("HOLDING");
    System.out.flush();
    String line;
    while ((line = stdin.readLine()) != null) {
      if (line.startsWith("APPEND ")) {
        long turn = Long.parseLong(line.substring("APPEND ".length()));
        long count = writer.append(Turns.withToolCall(turn, 1_800_000_000_000L + turn));
        System.out.println("APPENDED " + count);
      } else if (line.equals("CLOSE")) {
        writer.close();
        System.out.println("CLOSED");
      }
      System.out.flush();
    }
    writer.close();
  }
}
