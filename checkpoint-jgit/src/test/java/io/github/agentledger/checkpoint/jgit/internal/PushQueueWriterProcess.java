package io.github.agentledger.checkpoint.jgit.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link PushQueueTest}: waits for a line on standard input, then enqueues
 * {@code count} refs named after {@code tag}, one per call, printing each ref once its enqueue
 * returned.
 */
final class PushQueueWriterProcess {
  private PushQueueWriterProcess() {}

  public static void main(String[] args) throws Exception {
    PushQueue queue = PushQueue.in(Path.of(args[0]));
    String tag = args[1];
    int count = Integer.parseInt(args[2]);
    System.out.println("ready");
    System.out.flush();
    if (System.in.read() < 0) {
      return;
    }
    for (int i = 0; i < count; i++) {
      String ref = "refs/entire/checkpoints/" + tag + "/" + tag + i;
      queue.enqueue(List.of(ref));
      System.out.println(ref);
      System.out.flush();
    }
  }
}
