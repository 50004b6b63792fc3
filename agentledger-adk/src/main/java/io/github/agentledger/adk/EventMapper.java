package io.github.agentledger.adk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.sessions.State;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.Part;
import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.MediaSource;
import io.github.agentledger.segment.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps ADK events to history items and back.
 *
 * <p>An event becomes one item per content part that the log models: a text part a message, an
 * inline-data part a message with one image, audio or file part, a function call a tool call (its
 * arguments as JSON), a function response a tool result (its response as JSON); the role is the
 * user's when the event's author is {@code user}, the assistant's otherwise. An event with none of
 * those parts (a state change only, code execution, file data) becomes one empty message. The
 * last item of an event carries the whole event as ADK's own JSON in the attribute {@value
 * #EVENT_ATTRIBUTE} (author, invocation id, actions, timestamps, grounding, usage, every part and
 * every field this version does not know), minus its {@code temp:} state: reading an event back
 * reads that attribute, so nothing of the event is lost, while the items are what a transcript or
 * a checkpoint shows. Items without the attribute (written by other code, or the first items of an
 * event whose append was cut by a crash before its last item) are not events.
 */
final class EventMapper {
  /** The attribute of an event's last item that holds the event's JSON. */
  static final String EVENT_ATTRIBUTE = "adk.event";

  private static final String USER_AUTHOR = "user";

  private EventMapper() {}

  static ObjectMapper mapper() {
    return JsonBaseModel.getMapper();
  }

  /** {@return the event's JSON as stored: its {@code temp:} state deltas removed} */
  static JsonText storedJson(Event event) {
    try {
      JsonNode node = mapper().readTree(event.toJson());
      JsonNode delta = node.path("actions").path("stateDelta");
      if (delta instanceof ObjectNode deltas) {
        Iterator<String> names = deltas.fieldNames();
        while (names.hasNext()) {
          if (names.next().startsWith(State.TEMP_PREFIX)) {
            names.remove();
          }
        }
      }
      return JsonText.ofObject(mapper().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + event.id() + " has no JSON form: " + e, e);
    }
  }

  /** {@return the items of an event, the last one carrying {@code json}} */
  static List<HistoryItem> toItems(Event event, JsonText json) {
    Role role = USER_AUTHOR.equals(event.author()) ? Role.USER : Role.ASSISTANT;
    List<Part> parts = event.content().flatMap(Content::parts).orElse(List.of());
    List<HistoryItem> items = new ArrayList<>(parts.size() + 1);
    for (Part part : parts) {
      item(role, part).ifPresent(items::add);
    }
    if (items.isEmpty()) {
      items.add(new HistoryItem.Message(role, List.of()));
    }
    int last = items.size() - 1;
    items.set(last, withEvent(items.get(last), json));
    return items;
  }

  private static Optional<HistoryItem> item(Role role, Part part) {
    if (part.text().isPresent()) {
      return Optional.of(HistoryItem.Message.text(role, part.text().get()));
    }
    if (part.inlineData().isPresent()) {
      return Optional.of(new HistoryItem.Message(role, List.of(media(part.inlineData().get()))));
    }
    if (part.functionCall().isPresent()) {
      FunctionCall call = part.functionCall().get();
      return Optional.of(
          new HistoryItem.ToolCall(
              call.id().orElse(""),
              call.name().orElse(""),
              toJson(call.args().orElse(Map.of())),
              Map.of()));
    }
    if (part.functionResponse().isPresent()) {
      FunctionResponse response = part.functionResponse().get();
      return Optional.of(
          HistoryItem.ToolResult.of(
              response.id().orElse(""),
              response.name().orElse(""),
              toJson(response.response().orElse(Map.of()))));
    }
    return Optional.empty();
  }

  private static ContentPart media(Blob blob) {
    String type = blob.mimeType().orElse("application/octet-stream");
    MediaSource.Inline source = MediaSource.Inline.of(type, blob.data().orElse(new byte[0]));
    if (type.startsWith("image/")) {
      return new ContentPart.Image(source);
    }
    if (type.startsWith("audio/")) {
      return new ContentPart.Audio(source);
    }
    return new ContentPart.File(source, blob.displayName());
  }

  private static HistoryItem withEvent(HistoryItem item, JsonText json) {
    Map<String, JsonText> attributes = Map.of(EVENT_ATTRIBUTE, json);
    if (item instanceof HistoryItem.Message m) {
      return m.withAttributes(attributes);
    }
    if (item instanceof HistoryItem.ToolCall c) {
      return new HistoryItem.ToolCall(c.callId(), c.name(), c.arguments(), attributes);
    }
    HistoryItem.ToolResult r = (HistoryItem.ToolResult) item;
    return new HistoryItem.ToolResult(
        r.callId(), r.summary(), r.content(), r.attachments(), r.isError(), r.toolName(),
        attributes);
  }

  /** {@return the event an item carries, if it is an event's last item} */
  static Optional<Event> toEvent(HistoryItem item) {
    JsonText json = item.attributes().get(EVENT_ATTRIBUTE);
    return json == null ? Optional.empty() : Optional.of(Event.fromJson(json.text()));
  }

  /** {@return the events the items carry, in order} */
  static List<Event> toEvents(List<HistoryItem> items) {
    List<Event> events = new ArrayList<>();
    for (HistoryItem item : items) {
      toEvent(item).ifPresent(events::add);
    }
    return events;
  }

  static String toJson(Object value) {
    try {
      return mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "a value of " + value.getClass().getName() + " has no JSON form: " + e, e);
    }
  }

  static Object fromJson(JsonText json) {
    try {
      return mapper().readValue(json.text(), Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored state value is not JSON: " + json.text(), e);
    }
  }
}
