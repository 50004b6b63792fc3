// Longer than 400 lines on purpose: the sealed interface holds every entry kind of the format, so
// that the whole wire vocabulary reads in one place (as the reference's one enum does).
package io.github.agentledger.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a segment log, tagged on disk by its {@code kind}. The first entry of every segment
 * is its one {@link SegmentStart}; {@link Unknown} keeps kinds written by newer versions.
 *
 * <p>Every entry carries {@code ts}, wall-clock milliseconds since the Unix epoch. Entries are
 * immutable values, safe to share between threads.
 */
public sealed interface LogEntry {
  /** {@return the wall-clock time of the entry, milliseconds since the Unix epoch} */
  long ts();

  /** {@return the {@code kind} written in the log} */
  String kind();

  /**
   * {@code segment_start}: the first entry of a segment, the seed of its state.
   *
   * @param ts the time of the entry
   * @param sessionId the session the segment belongs to
   * @param systemPrompt the system prompt, if any
   * @param config the request configuration
   * @param history the seed history (a fork's or compaction's carried history)
   * @param forkedFrom the segment this one was forked from, if any
   * @param compactedFrom the segment this one compacts, if any
   * @param turnBase the turn count the segment starts from (0 for a fresh conversation)
   */
  record SegmentStart(
      long ts,
      SessionId sessionId,
      Optional<String> systemPrompt,
      RequestConfig config,
      List<HistoryItem> history,
      Optional<SegmentOrigin> forkedFrom,
      Optional<SegmentOrigin> compactedFrom,
      long turnBase)
      implements LogEntry {
    /** The format version written on every {@code segment_start} ({@code "v"}). */
    public static final int FORMAT_VERSION = 1;

    /**
     * Validates and copies the components; a segment has at most one origin.
     *
     * @param ts the time of the entry
     * @param sessionId the session the segment belongs to
     * @param systemPrompt the system prompt, if any
     * @param config the request configuration
     * @param history the seed history (a fork's or compaction's carried history)
     * @param forkedFrom the segment this one was forked from, if any
     * @param compactedFrom the segment this one compacts, if any
     * @param turnBase the turn count the segment starts from (0 for a fresh conversation)
     */
    public SegmentStart {
      Objects.requireNonNull(sessionId, "sessionId");
      Objects.requireNonNull(systemPrompt, "systemPrompt");
      Objects.requireNonNull(config, "config");
      history = List.copyOf(history);
      Objects.requireNonNull(forkedFrom, "forkedFrom");
      Objects.requireNonNull(compactedFrom, "compactedFrom");
      if (forkedFrom.isPresent() && compactedFrom.isPresent()) {
        throw new IllegalArgumentException("a segment is forked or compacted, not both");
      }
      if (turnBase < 0) {
        throw new IllegalArgumentException("turnBase is negative: " + turnBase);
      }
    }

    /**
     * Creates the start of a fresh conversation: no origin, turn base 0.
     *
     * @param ts the time of the entry
     * @param sessionId the session
     * @param systemPrompt the system prompt, if any
     * @param config the request configuration
     * @param history the seed history
     * @return the entry
     */
    public static SegmentStart fresh(
        long ts,
        SessionId sessionId,
        Optional<String> systemPrompt,
        RequestConfig config,
        List<HistoryItem> history) {
      return new SegmentStart(
          ts, sessionId, systemPrompt, config, history, Optional.empty(), Optional.empty(), 0);
    }

    @Override
    public String kind() {
      return "segment_start";
    }
  }

  /**
   * {@code invoke}: the agent became active; its content follows in the next entry.
   *
   * @param ts the time of the entry
   * @param trigger what woke the agent up
   */
  record Invoke(long ts, InvokeTrigger trigger) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param trigger what woke the agent up
     */
    public Invoke {
      Objects.requireNonNull(trigger, "trigger");
    }

    @Override
    public String kind() {
      return "invoke";
    }
  }

  /**
   * {@code user_input}: input from the user, with extension payloads committed in the same line.
   *
   * @param ts the time of the entry
   * @param segments the typed pieces of the input
   * @param extensions payloads committed atomically with the input, possibly empty
   * @param messageId the id a framework gave the user message, if any
   * @param attributes attributes of the user message, possibly empty
   */
  record UserInput(
      long ts,
      List<UserSegment> segments,
      List<ExtensionPayload> extensions,
      Optional<MessageId> messageId,
      Map<String, JsonText> attributes)
      implements LogEntry {
    /**
     * Copies the components.
     *
     * @param ts the time of the entry
     * @param segments the typed pieces of the input
     * @param extensions payloads committed atomically with the input, possibly empty
     * @param messageId the id a framework gave the user message, if any
     * @param attributes attributes of the user message, possibly empty
     */
    public UserInput {
      segments = List.copyOf(segments);
      extensions = List.copyOf(extensions);
      Objects.requireNonNull(messageId, "messageId");
      attributes = Attributes.copy(attributes);
    }

    /**
     * Creates an input with no message id and no attributes.
     *
     * @param ts the time of the entry
     * @param segments the typed pieces of the input
     * @param extensions payloads committed atomically with the input, possibly empty
     */
    public UserInput(long ts, List<UserSegment> segments, List<ExtensionPayload> extensions) {
      this(ts, segments, extensions, Optional.empty(), Map.of());
    }

    /**
     * The user message this input becomes on replay. With only text-like pieces it is one text
     * part, their {@link #flatText()} (as the reference replays it); with media pieces the parts
     * follow the pieces in order, consecutive text-like pieces joined into one text part.
     *
     * @return the message, with this input's id and attributes
     */
    public HistoryItem.Message toMessage() {
      List<ContentPart> parts = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      boolean media = false;
      for (UserSegment segment : segments) {
        if (segment instanceof UserSegment.Media m) {
          media = true;
          if (text.length() > 0) {
            parts.add(new ContentPart.Text(text.toString()));
            text.setLength(0);
          }
          parts.add(m.part());
        } else {
          text.append(segment.flatText());
        }
      }
      if (!media) {
        return new HistoryItem.Message(
            Role.USER, List.of(new ContentPart.Text(text.toString())), messageId, attributes);
      }
      if (text.length() > 0) {
        parts.add(new ContentPart.Text(text.toString()));
      }
      return new HistoryItem.Message(Role.USER, parts, messageId, attributes);
    }

    /** {@return the text of the user message this input becomes: its pieces' texts joined} */
    public String flatText() {
      StringBuilder text = new StringBuilder();
      for (UserSegment segment : segments) {
        text.append(segment.flatText());
      }
      return text.toString();
    }

    @Override
    public String kind() {
      return "user_input";
    }
  }

  /**
   * {@code assistant_item}: one history item produced by the model (message, reasoning, tool call).
   *
   * @param ts the time of the entry
   * @param item the item
   */
  record AssistantItem(long ts, HistoryItem item) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param item the item
     */
    public AssistantItem {
      Objects.requireNonNull(item, "item");
    }

    @Override
    public String kind() {
      return "assistant_item";
    }
  }

  /**
   * {@code tool_result}: the result of a tool call.
   *
   * @param ts the time of the entry
   * @param item the item, normally a {@link HistoryItem.ToolResult}
   */
  record ToolResult(long ts, HistoryItem item) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param item the item, normally a {@link HistoryItem.ToolResult}
     */
    public ToolResult {
      Objects.requireNonNull(item, "item");
    }

    @Override
    public String kind() {
      return "tool_result";
    }
  }

  /**
   * {@code system_item}: a typed system message injected by the framework.
   *
   * @param ts the time of the entry
   * @param item the item
   */
  record SystemItemEntry(long ts, SystemItem item) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param item the item
     */
    public SystemItemEntry {
      Objects.requireNonNull(item, "item");
    }

    @Override
    public String kind() {
      return "system_item";
    }
  }

  /**
   * {@code turn_end}: a turn completed.
   *
   * @param ts the time of the entry
   * @param turnCount the engine's turn count after the increment
   */
  record TurnEnd(long ts, long turnCount) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param turnCount the engine's turn count after the increment
     */
    public TurnEnd {
      if (turnCount < 0) {
        throw new IllegalArgumentException("turnCount is negative: " + turnCount);
      }
    }

    @Override
    public String kind() {
      return "turn_end";
    }
  }

  /**
   * {@code run_completed}: a run ended normally.
   *
   * @param ts the time of the entry
   * @param interrupted whether the run left a turn unfinished
   * @param result how it ended
   */
  record RunCompleted(long ts, boolean interrupted, RunResult result) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param interrupted whether the run left a turn unfinished
     * @param result how it ended
     */
    public RunCompleted {
      Objects.requireNonNull(result, "result");
    }

    @Override
    public String kind() {
      return "run_completed";
    }
  }

  /**
   * {@code run_errored}: a run failed.
   *
   * @param ts the time of the entry
   * @param interrupted whether the run left a turn unfinished
   * @param message the error, as text
   */
  record RunErrored(long ts, boolean interrupted, String message) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param interrupted whether the run left a turn unfinished
     * @param message the error, as text
     */
    public RunErrored {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String kind() {
      return "run_errored";
    }
  }

  /**
   * {@code paused_turn_abandoned}: a paused turn will not be resumed.
   *
   * @param ts the time of the entry
   */
  record PausedTurnAbandoned(long ts) implements LogEntry {
    @Override
    public String kind() {
      return "paused_turn_abandoned";
    }
  }

  /**
   * {@code config_changed}: the request configuration was replaced.
   *
   * @param ts the time of the entry
   * @param config the new configuration
   */
  record ConfigChanged(long ts, RequestConfig config) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param config the new configuration
     */
    public ConfigChanged {
      Objects.requireNonNull(config, "config");
    }

    @Override
    public String kind() {
      return "config_changed";
    }
  }

  /**
   * {@code llm_usage}: the token usage of one LLM request.
   *
   * @param ts the time of the entry
   * @param usage the usage
   */
  record LlmUsage(long ts, UsageRecord usage) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param usage the usage
     */
    public LlmUsage {
      Objects.requireNonNull(usage, "usage");
    }

    @Override
    public String kind() {
      return "llm_usage";
    }
  }

  /**
   * {@code extension}: a namespaced opaque payload.
   *
   * @param ts the time of the entry
   * @param extension the domain and payload
   */
  record Extension(long ts, ExtensionPayload extension) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param extension the domain and payload
     */
    public Extension {
      Objects.requireNonNull(extension, "extension");
    }

    @Override
    public String kind() {
      return "extension";
    }
  }

  /**
   * {@code window_moved}: the visible conversation now starts at history item {@code start}
   * (0-based, counted over the whole history, seed history included). Nothing is deleted: the
   * full history stays in the log and in {@link RestoredState#history()}.
   *
   * @param ts the time of the entry
   * @param start the index of the first visible item, at most the history's size when written
   */
  record WindowMoved(long ts, long start) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param start the index of the first visible item
     * @throws IllegalArgumentException if {@code start} is negative
     */
    public WindowMoved {
      if (start < 0) {
        throw new IllegalArgumentException("window start is negative: " + start);
      }
    }

    @Override
    public String kind() {
      return "window_moved";
    }
  }

  /**
   * {@code window_cleared}: the visible conversation is now empty; items appended later are
   * visible. Nothing is deleted.
   *
   * @param ts the time of the entry
   */
  record WindowCleared(long ts) implements LogEntry {
    @Override
    public String kind() {
      return "window_cleared";
    }
  }

  /**
   * {@code system_prompt_changed}: the system prompt is replaced (or removed) from here on,
   * without a new segment.
   *
   * @param ts the time of the entry
   * @param systemPrompt the new system prompt, or empty to remove it
   */
  record SystemPromptChanged(long ts, Optional<String> systemPrompt) implements LogEntry {
    /**
     * Validates the components.
     *
     * @param ts the time of the entry
     * @param systemPrompt the new system prompt, or empty to remove it
     */
    public SystemPromptChanged {
      Objects.requireNonNull(systemPrompt, "systemPrompt");
    }

    @Override
    public String kind() {
      return "system_prompt_changed";
    }
  }

  /**
   * An entry of a kind this version does not know, written by a newer version. It keeps its line
   * exactly, is written back byte for byte, and replays as a no-op.
   *
   * @param kind the entry's {@code kind}
   * @param ts the entry's {@code ts} when it is an integer, otherwise 0
   * @param rawLine the line exactly as read, without its newline: a JSON object on one line
   */
  record Unknown(String kind, long ts, String rawLine) implements LogEntry {
    private static final List<String> KNOWN_KINDS =
        List.of(
            "segment_start",
            "invoke",
            "user_input",
            "assistant_item",
            "tool_result",
            "system_item",
            "turn_end",
            "run_completed",
            "run_errored",
            "paused_turn_abandoned",
            "config_changed",
            "llm_usage",
            "extension",
            "window_moved",
            "window_cleared",
            "system_prompt_changed");

    /**
     * Validates the components.
     *
     * @param kind the entry's {@code kind}
     * @param ts the entry's {@code ts} when it is an integer, otherwise 0
     * @param rawLine the line exactly as read, without its newline: a JSON object on one line
     * @throws InvalidJsonException if {@code rawLine} is not a JSON object
     * @throws IllegalArgumentException if {@code kind} is one this version knows, or the line holds
     *     a line break
     */
    public Unknown {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(rawLine, "rawLine");
      if (KNOWN_KINDS.contains(kind)) {
        throw new IllegalArgumentException("'" + kind + "' is a known kind, not an unknown one");
      }
      if (rawLine.indexOf('\n') >= 0 || rawLine.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("an unknown entry's line holds a line break");
      }
      JsonText.ofObject(rawLine);
    }
  }
}
