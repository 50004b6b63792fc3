package io.github.agentledger.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Realistic turns of an agent conversation, in the production write order of the reference:
 * invoke, user input, tool call, tool result, answer, turn end, a metrics extension, usage, run
 * completed. Shared with the implementation modules through the test jar.
 */
public final class Turns {
  private Turns() {}

  /**
   * The entries of one completed turn with one tool call.
   *
   * @param turn the turn count after the turn
   * @param ts the time of the first entry; the others follow one millisecond apart
   * @return the entries
   */
  public static List<LogEntry> withToolCall(long turn, long ts) {
    List<LogEntry> entries = new ArrayList<>(opening(turn, ts));
    entries.add(
        new LogEntry.AssistantItem(
            ts + 2,
            new HistoryItem.ToolCall(
                "call_" + turn, "get_weather", "{\"city\":\"city-" + turn + "\"}")));
    entries.add(
        new LogEntry.ToolResult(
            ts + 3,
            new HistoryItem.ToolResult(
                "call_" + turn, "sunny " + turn, Optional.of("25C"), List.of(), false)));
    entries.add(new LogEntry.AssistantItem(ts + 4, answer(turn)));
    entries.addAll(closing(turn, ts + 5));
    return entries;
  }

  /**
   * The entries that open a turn: invoke and user input (a turn left unfinished ends here).
   *
   * @param turn the turn count the turn will reach
   * @param ts the time of the first entry
   * @return the entries
   */
  public static List<LogEntry> opening(long turn, long ts) {
    return List.of(
        new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND),
        new LogEntry.UserInput(ts + 1, List.of(new UserSegment.Text(question(turn))), List.of()));
  }

  /**
   * The entries that close a turn: turn end, a metrics extension, usage, run completed.
   *
   * @param turn the turn count after the turn
   * @param ts the time of the first entry
   * @return the entries
   */
  public static List<LogEntry> closing(long turn, long ts) {
    return List.of(
        new LogEntry.TurnEnd(ts, turn),
        new LogEntry.Extension(ts + 1, metrics(turn)),
        new LogEntry.LlmUsage(ts + 2, new UsageRecord(turn * 4, 1000 * turn, 800, 100, 42)),
        new LogEntry.RunCompleted(ts + 3, false, RunResult.FINISHED));
  }

  /**
   * The metrics extension written after a turn.
   *
   * @param turn the turn
   * @return the payload
   */
  public static ExtensionPayload metrics(long turn) {
    return new ExtensionPayload("metrics", JsonText.of("{\"turn\":" + turn + "}"));
  }

  /**
   * The user's question of a turn.
   *
   * @param turn the turn
   * @return its text
   */
  public static String question(long turn) {
    return "question " + turn;
  }

  /**
   * The model's answer of a turn.
   *
   * @param turn the turn
   * @return the message
   */
  public static HistoryItem answer(long turn) {
    return HistoryItem.Message.text(Role.ASSISTANT, "answer " + turn);
  }

  /**
   * The four history items a turn of {@link #withToolCall} adds.
   *
   * @param turn the turn
   * @return user message, tool call, tool result, answer
   */
  public static List<HistoryItem> history(long turn) {
    return List.of(
        HistoryItem.Message.text(Role.USER, question(turn)),
        new HistoryItem.ToolCall("call_" + turn, "get_weather", "{\"city\":\"city-" + turn + "\"}"),
        new HistoryItem.ToolResult(
            "call_" + turn, "sunny " + turn, Optional.of("25C"), List.of(), false),
        answer(turn));
  }
}
