package io.github.agentledger.cli;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** History items as one human line, as JSON rows, and a whole conversation as Markdown. */
final class Conversations {
  private Conversations() {}

  static String describe(HistoryItem item) {
    if (item instanceof HistoryItem.Message message) {
      return message.role().wireName() + ": " + message.text();
    }
    if (item instanceof HistoryItem.ToolCall call) {
      return "tool call " + call.name() + " [" + call.callId() + "] " + call.arguments();
    }
    if (item instanceof HistoryItem.ToolResult result) {
      return "tool result [" + result.callId() + "]" + (result.isError() ? " error" : "") + ": "
          + result.summary();
    }
    return "reasoning: " + ((HistoryItem.Reasoning) item).text();
  }

  static Map<String, Object> json(HistoryItem item) {
    Map<String, Object> row = new LinkedHashMap<>();
    if (item instanceof HistoryItem.Message message) {
      row.put("type", "message");
      row.put("role", message.role().wireName());
      row.put("text", message.text());
    } else if (item instanceof HistoryItem.ToolCall call) {
      row.put("type", "tool_call");
      row.put("call_id", call.callId());
      row.put("name", call.name());
      row.put("arguments", call.arguments());
    } else if (item instanceof HistoryItem.ToolResult result) {
      row.put("type", "tool_result");
      row.put("call_id", result.callId());
      row.put("summary", result.summary());
      row.put("is_error", result.isError());
    } else {
      row.put("type", "reasoning");
      row.put("text", ((HistoryItem.Reasoning) item).text());
    }
    return row;
  }

  /**
   * The history as Markdown: a heading per item; text in fenced blocks whose fence is longer
   * than any backtick run inside, so stored text can never close the block or inject markup.
   */
  static String markdown(SegmentRef ref, RestoredState state) {
    StringBuilder out = new StringBuilder();
    out.append("# Conversation ").append(ref.sessionId()).append(" / ").append(ref.segmentId())
        .append("\n\n");
    state.systemPrompt().ifPresent(prompt -> block(out, "System", prompt));
    for (HistoryItem item : state.history()) {
      if (item instanceof HistoryItem.Message message) {
        block(out, capitalise(message.role().wireName()), message.text());
      } else if (item instanceof HistoryItem.ToolCall call) {
        block(out, "Tool call `" + call.name().replace("`", "'") + "` (" + call.callId() + ")",
            call.arguments());
      } else if (item instanceof HistoryItem.ToolResult result) {
        block(out, "Tool result (" + result.callId() + ")" + (result.isError() ? ", error" : ""),
            result.summary());
      } else {
        block(out, "Reasoning", ((HistoryItem.Reasoning) item).text());
      }
    }
    return out.toString();
  }

  private static void block(StringBuilder out, String heading, String text) {
    String fence = "```";
    while (text.contains(fence)) {
      fence += "`";
    }
    out.append("## ").append(Terminal.safe(heading)).append("\n\n").append(fence).append('\n')
        .append(text).append(text.endsWith("\n") ? "" : "\n").append(fence).append("\n\n");
  }

  private static String capitalise(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
