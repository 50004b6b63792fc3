package io.github.agentledger.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.InvokeTrigger;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.RunResult;
import io.github.agentledger.segment.UsageRecord;
import io.github.agentledger.segment.UserSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Realistic segment entries for the benchmarks, generated from a fixed seed: whole agent turns
 * (invoke, user input, reasoning, tool call, tool result, assistant message, usage, turn end, run
 * completed), about 1 KB per line on average, with non-ASCII text, quotes and newlines. Each
 * entry comes with its plain-object mirror ({@link PlainLine}) holding the same data, which the
 * baselines serialise and parse with gson.
 */
final class BenchmarkEntries {
  private static final String[] WORDS = {"agent", "tool", "call", "résumé", "日本語", "file",
      "diff", "commit", "the", "a", "result", "😀", "error", "\"quoted\"", "json", "stream",
      "line\nbreak", "src/main/java/Foo.java", "tab\there", "value", "test", "build"};

  private BenchmarkEntries() {}

  /** An entry and its plain mirror. */
  record Sample(LogEntry entry, PlainLine plain) {}

  /** {@return {@code count} entries, whole turns, deterministic for a seed} */
  static List<Sample> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Sample> out = new ArrayList<>(count);
    long ts = 1_747_700_000_000L;
    long turn = 0;
    while (out.size() < count) {
      turn++;
      String call = "call_" + turn;
      out.add(invoke(ts++));
      out.add(userInput(ts++, text(random, 600)));
      out.add(reasoning(ts++, text(random, 1200)));
      out.add(toolCall(ts++, call, "{\"path\":\"" + escape(text(random, 400)) + "\"}"));
      out.add(toolResult(ts++, call, text(random, 3500)));
      out.add(message(ts++, text(random, 1500)));
      out.add(usage(ts++, turn));
      out.add(turnEnd(ts++, turn));
      out.add(completed(ts++));
    }
    return List.copyOf(out.subList(0, count));
  }

  private static String text(SplittableRandom random, int approxChars) {
    StringBuilder text = new StringBuilder(approxChars + 32);
    while (text.length() < approxChars) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return text.toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        .replace("\t", "\\t");
  }

  private static Sample invoke(long ts) {
    PlainLine plain = PlainLine.of("invoke", ts);
    plain.trigger = "user_send";
    return new Sample(new LogEntry.Invoke(ts, InvokeTrigger.USER_SEND), plain);
  }

  private static Sample userInput(long ts, String text) {
    PlainLine plain = PlainLine.of("user_input", ts);
    PlainPart part = new PlainPart();
    part.kind = "text";
    part.content = text;
    plain.segments = List.of(part);
    return new Sample(
        new LogEntry.UserInput(ts, List.of(new UserSegment.Text(text)), List.of()), plain);
  }

  private static Sample reasoning(long ts, String text) {
    PlainLine plain = PlainLine.of("assistant_item", ts);
    plain.item = new PlainItem();
    plain.item.kind = "reasoning";
    plain.item.text = text;
    plain.item.summary = new JsonArray();
    return new Sample(new LogEntry.AssistantItem(ts,
        new HistoryItem.Reasoning(text, List.of(), Optional.empty(), Optional.empty())), plain);
  }

  private static Sample toolCall(long ts, String callId, String arguments) {
    PlainLine plain = PlainLine.of("assistant_item", ts);
    plain.item = new PlainItem();
    plain.item.kind = "tool_call";
    plain.item.call_id = callId;
    plain.item.name = "read_file";
    plain.item.arguments = arguments;
    return new Sample(new LogEntry.AssistantItem(ts,
        new HistoryItem.ToolCall(callId, "read_file", arguments)), plain);
  }

  private static Sample toolResult(long ts, String callId, String content) {
    PlainLine plain = PlainLine.of("tool_result", ts);
    plain.item = new PlainItem();
    plain.item.kind = "tool_result";
    plain.item.call_id = callId;
    plain.item.summary = new JsonPrimitive("read 1 file");
    plain.item.content = new JsonPrimitive(content);
    return new Sample(new LogEntry.ToolResult(ts, new HistoryItem.ToolResult(
        callId, "read 1 file", Optional.of(content), List.of(), false)), plain);
  }

  private static Sample message(long ts, String text) {
    PlainLine plain = PlainLine.of("assistant_item", ts);
    plain.item = new PlainItem();
    plain.item.kind = "message";
    plain.item.role = "assistant";
    JsonObject part = new JsonObject();
    part.addProperty("kind", "text");
    part.addProperty("text", text);
    JsonArray content = new JsonArray();
    content.add(part);
    plain.item.content = content;
    return new Sample(
        new LogEntry.AssistantItem(ts, HistoryItem.Message.text(Role.ASSISTANT, text)), plain);
  }

  private static Sample usage(long ts, long turn) {
    PlainLine plain = PlainLine.of("llm_usage", ts);
    plain.history_len = turn * 5;
    plain.input_total_tokens = 12_000 + turn;
    plain.cache_read_tokens = 9_000L;
    plain.cache_write_tokens = 800L;
    plain.output_tokens = 420L;
    return new Sample(new LogEntry.LlmUsage(ts,
        new UsageRecord(turn * 5, 12_000 + turn, 9_000, 800, 420)), plain);
  }

  private static Sample turnEnd(long ts, long turn) {
    PlainLine plain = PlainLine.of("turn_end", ts);
    plain.turn_count = turn;
    return new Sample(new LogEntry.TurnEnd(ts, turn), plain);
  }

  private static Sample completed(long ts) {
    PlainLine plain = PlainLine.of("run_completed", ts);
    plain.interrupted = false;
    plain.result = "finished";
    return new Sample(new LogEntry.RunCompleted(ts, false, RunResult.FINISHED), plain);
  }

  /**
   * A line as plain gson-mapped fields (snake_case, as in the file): what the baselines write and
   * read. Fields a kind does not use stay null and are not written.
   */
  static final class PlainLine {
    @Nullable String kind;
    long ts;
    @Nullable String trigger;
    @Nullable List<PlainPart> segments;
    @Nullable PlainItem item;
    @Nullable Long turn_count;
    @Nullable Long history_len;
    @Nullable Long input_total_tokens;
    @Nullable Long cache_read_tokens;
    @Nullable Long cache_write_tokens;
    @Nullable Long output_tokens;
    @Nullable Boolean interrupted;
    @Nullable String result;

    static PlainLine of(String kind, long ts) {
      PlainLine line = new PlainLine();
      line.kind = kind;
      line.ts = ts;
      return line;
    }
  }

  /**
   * A history item as plain fields; {@code content} and {@code summary} are a string or an array,
   * depending on the item's kind.
   */
  static final class PlainItem {
    @Nullable String kind;
    @Nullable String role;
    @Nullable JsonElement content;
    @Nullable String text;
    @Nullable JsonElement summary;
    @Nullable String call_id;
    @Nullable String name;
    @Nullable String arguments;
    @Nullable Boolean is_error;
  }

  /** A user-input segment as plain fields. */
  static final class PlainPart {
    @Nullable String kind;
    @Nullable String content;
  }
}
