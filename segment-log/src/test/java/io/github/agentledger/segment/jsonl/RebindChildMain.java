package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.SessionId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link KeyRebindCrashTest}: moves key {@code args[1]} back and forth between
 * sessions {@code args[2]} and {@code args[3]} of the store at {@code args[0]} with {@link
 * JsonlSegmentStore#rebindKey}, printing the session the key names after each acknowledged
 * rebind, until killed.
 */
final class RebindChildMain {
  private RebindChildMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.FSYNC_EACH);
    ConversationKey key = ConversationKey.of(args[1]);
    SessionId from = SessionId.parse(args[2]);
    SessionId to = SessionId.parse(args[3]);
    for (int i = 0; i < 1_000_000; i++) {
      store.rebindKey(key, from, to);
      out.println(to);
      SessionId swap = from;
      from = to;
      to = swap;
    }
  }
}
