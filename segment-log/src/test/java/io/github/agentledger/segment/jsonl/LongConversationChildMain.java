package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.IdGenerator;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.TestClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Child JVM for {@link LongConversationProcessTest}: drives one conversation through {@code
 * Conversation} for {@code <turns>} turns with tool calls, window moves, a system prompt change and
 * forks, prints {@code STATE <session> <segment> <digest>} for the conversation and each fork
 * (digest of its live state), then {@code DONE}, and waits to be killed without closing anything.
 */
final class LongConversationChildMain {
  private LongConversationChildMain() {}

  public static void main(String[] args) throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(Path.of(args[0]), Durability.NONE);
    int turns = Integer.parseInt(args[1]);
    TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z"));
    ConversationOptions options = ConversationOptions.defaults()
        .withTime(clock, IdGenerator.create(clock, new SplittableRandom(99)))
        .withSystemPrompt("You are a careful agent.");
    Conversation conversation =
        Conversation.open(store, ConversationKey.of("long-chat"), options);
    List<Conversation> forks = new ArrayList<>();
    for (int turn = 1; turn <= turns; turn++) {
      clock.advance(Duration.ofMillis(7));
      conversation.appendUserMessage("question " + turn);
      if (turn % 3 == 0) {
        conversation.append(
            new HistoryItem.ToolCall("call-" + turn, "search", "{\"q\":" + turn + "}"));
        conversation.append(HistoryItem.ToolResult.of("call-" + turn, "search", "found " + turn));
      }
      conversation.appendAssistantMessage("answer " + turn);
      conversation.endTurn();
      if (turn % 250 == 0) {
        List<HistoryItem> visible = conversation.visibleMessages();
        conversation.replaceVisible(visible.subList(Math.max(0, visible.size() - 12),
            visible.size()));
      }
      if (turn % 2000 == 0) {
        conversation.clearWindow();
      }
      if (turn == turns / 2) {
        conversation.changeSystemPrompt(Optional.of("You are a terse agent."));
      }
      if (turn % 3000 == 0) {
        Conversation fork = conversation.fork(turn - 100);
        fork.appendUserMessage("a different path from " + (turn - 100));
        fork.appendAssistantMessage("taken");
        fork.endTurn();
        fork.moveWindow(fork.history().size() - 1);
        forks.add(fork);
      }
    }
    print(conversation);
    for (Conversation fork : forks) {
      print(fork);
    }
    System.out.println("DONE");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }

  private static void print(Conversation conversation) {
    SegmentRef at = conversation.segment();
    System.out.println("STATE " + at.sessionId() + " " + at.segmentId() + " "
        + digest(conversation.state()));
  }

  /** SHA-256 of the state's text form, which names every component. */
  static String digest(RestoredState state) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(state.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
