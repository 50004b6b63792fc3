package io.github.agentledger.segment.jsonl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link ProcessLockTest}: prints READY, waits for GO on stdin, tries to open the
 * segment for writing and prints WON or LOCKED. A winner holds the lock until stdin closes.
 */
final class LockContenderMain {
  private LockContenderMain() {}

  public static void main(String[] args) throws IOException {
    Path segment = Path.of(args[0]);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("READY");
    System.out.flush();
    if (!"GO".equals(stdin.readLine())) {
      return;
    }
    SegmentFileWriter writer;
    try {
      writer = SegmentFileWriter.open(segment, WriterOptions.of(Durability.NONE));
    } catch (WriterLockedException e) {
      System.out.println("LOCKED " + e.getMessage());
      System.out.flush();
      return;
    }
    System.out.println("WON");
    System.out.flush();
    while (stdin.readLine() != null) {
      // hold the lock until the parent closes stdin
    }
    writer.close();
  }
}
