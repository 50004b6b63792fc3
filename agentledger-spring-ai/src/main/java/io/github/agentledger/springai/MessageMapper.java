package io.github.agentledger.springai;

import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.MediaSource;
import io.github.agentledger.segment.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.ai.chat.messages.AbstractMessage;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps Spring AI messages to history items and back.
 *
 * <p>A user message is one user item (text, then its media: {@code image/*} as images, {@code
 * audio/*} as audio, anything else as files); an assistant message an assistant item followed by
 * its tool calls; a tool response message one tool result per response. What the items cannot
 * say (metadata, media ids and names, tool call types, how many items form one message) goes in
 * one item attribute, {@value #EXTRAS}, written with Jackson (Spring AI's own JSON library).
 * Metadata values go through JSON: strings, numbers, booleans, lists and maps come back equal.
 *
 * <p>Stateless and thread-safe.
 */
final class MessageMapper {
  /** The item attribute holding what the items themselves cannot say. */
  static final String EXTRAS = "spring_ai";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private MessageMapper() {}

  /** Adds the items of one message to {@code out}. */
  static void toItems(Message message, List<HistoryItem> out) {
    Map<String, Object> extras = new LinkedHashMap<>();
    Map<String, Object> metadata = metadata(message);
    if (!metadata.isEmpty()) {
      extras.put("metadata", metadata);
    }
    if (message instanceof UserMessage user) {
      List<ContentPart> parts = new ArrayList<>();
      parts.add(new ContentPart.Text(
          Objects.requireNonNull(user.getText(), "a user message has text")));
      media(user.getMedia(), parts, extras);
      out.add(new HistoryItem.Message(Role.USER, parts, Optional.empty(), extras(extras)));
    } else if (message instanceof AssistantMessage assistant) {
      List<ContentPart> parts = new ArrayList<>();
      if (assistant.getText() != null) {
        parts.add(new ContentPart.Text(assistant.getText()));
      }
      media(assistant.getMedia(), parts, extras);
      List<HistoryItem> calls = new ArrayList<>();
      List<String> types = new ArrayList<>();
      for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
        calls.add(new HistoryItem.ToolCall(call.id(), call.name(), call.arguments()));
        types.add(call.type());
      }
      if (!calls.isEmpty()) {
        extras.put("items", calls.size());
        extras.put("call_types", types);
      }
      out.add(new HistoryItem.Message(Role.ASSISTANT, parts, Optional.empty(), extras(extras)));
      out.addAll(calls);
    } else if (message instanceof ToolResponseMessage tools) {
      List<ToolResponseMessage.ToolResponse> responses = tools.getResponses();
      extras.put("responses", responses.size());
      for (int i = 0; i < responses.size(); i++) {
        ToolResponseMessage.ToolResponse r = responses.get(i);
        out.add(
            new HistoryItem.ToolResult(
                r.id(), r.responseData(), Optional.empty(), List.of(), false,
                Optional.of(r.name()), i == 0 ? extras(extras) : Map.of()));
      }
    } else if (message instanceof SystemMessage system) {
      out.add(
          new HistoryItem.Message(
              Role.SYSTEM, List.of(new ContentPart.Text(
                  Objects.requireNonNull(system.getText(), "a system message has text"))), Optional.empty(),
              extras(extras)));
    } else {
      throw new IllegalArgumentException(
          "Spring AI message type " + message.getClass().getName() + " is not supported");
    }
  }

  /** {@return the message's metadata without the type Spring AI adds to every message} */
  static Map<String, Object> metadata(Message message) {
    Map<String, Object> metadata = new LinkedHashMap<>(message.getMetadata());
    metadata.remove(AbstractMessage.MESSAGE_TYPE);
    return metadata;
  }

  private static void media(List<Media> media, List<ContentPart> parts, Map<String, Object> extras) {
    if (media.isEmpty()) {
      return;
    }
    List<Map<String, Object>> described = new ArrayList<>();
    for (Media m : media) {
      String mime = m.getMimeType().toString();
      MediaSource source =
          m.getData() instanceof byte[] bytes
              ? MediaSource.Inline.of(mime, bytes)
              : new MediaSource.Uri(m.getData().toString(), Optional.of(mime));
      String type = m.getMimeType().getType();
      parts.add(
          switch (type) {
            case "image" -> new ContentPart.Image(source);
            case "audio" -> new ContentPart.Audio(source);
            default -> new ContentPart.File(source, Optional.ofNullable(m.getName()));
          });
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("id", m.getId());
      d.put("name", m.getName());
      described.add(d);
    }
    extras.put("media", described);
  }

  /** {@return the messages of the items, in order; items written by others map as they can} */
  static List<Message> toMessages(List<HistoryItem> items) {
    List<Message> messages = new ArrayList<>(items.size());
    int i = 0;
    while (i < items.size()) {
      HistoryItem item = items.get(i++);
      Map<String, Object> extras = extrasOf(item);
      Map<String, Object> metadata = map(extras.getOrDefault("metadata", Map.of()));
      if (item instanceof HistoryItem.Message m && m.role() == Role.ASSISTANT) {
        int end = Math.min(items.size(), i + count(extras, "items", 0));
        List<?> types = (List<?>) extras.getOrDefault("call_types", List.of());
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (int c = i; c < end; c++) {
          if (items.get(c) instanceof HistoryItem.ToolCall call) {
            int t = c - i;
            String type = t < types.size() ? (String) types.get(t) : "function";
            calls.add(new AssistantMessage.ToolCall(call.callId(), type, call.name(),
                call.arguments()));
          }
        }
        i = end;
        boolean hasText = m.content().stream().anyMatch(ContentPart.Text.class::isInstance);
        messages.add(
            AssistantMessage.builder()
                .content(hasText ? m.text() : null)
                .properties(metadata)
                .toolCalls(calls)
                .media(media(m, extras))
                .build());
      } else if (item instanceof HistoryItem.Message m && m.role() == Role.USER) {
        messages.add(
            UserMessage.builder().text(m.text()).media(media(m, extras)).metadata(metadata)
                .build());
      } else if (item instanceof HistoryItem.Message m) {
        messages.add(SystemMessage.builder().text(m.text()).metadata(metadata).build());
      } else if (item instanceof HistoryItem.ToolResult first) {
        int end = Math.min(items.size(), i - 1 + count(extras, "responses", 1));
        List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
        responses.add(response(first));
        for (; i < end && items.get(i) instanceof HistoryItem.ToolResult r; i++) {
          responses.add(response(r));
        }
        messages.add(ToolResponseMessage.builder().responses(responses).metadata(metadata)
            .build());
      } else if (item instanceof HistoryItem.ToolCall call) {
        messages.add(
            AssistantMessage.builder()
                .toolCalls(List.of(new AssistantMessage.ToolCall(call.callId(), "function",
                    call.name(), call.arguments())))
                .build());
      }
      // A reasoning block has no Spring AI message: it stays in the log only.
    }
    return messages;
  }

  private static ToolResponseMessage.ToolResponse response(HistoryItem.ToolResult r) {
    return new ToolResponseMessage.ToolResponse(r.callId(), r.toolName().orElse(""), r.summary());
  }

  private static List<Media> media(HistoryItem.Message m, Map<String, Object> extras) {
    List<?> described = (List<?>) extras.getOrDefault("media", List.of());
    List<Media> media = new ArrayList<>();
    int index = 0;
    for (ContentPart part : m.content()) {
      MediaSource source;
      if (part instanceof ContentPart.Image image) {
        source = image.source();
      } else if (part instanceof ContentPart.Audio audio) {
        source = audio.source();
      } else if (part instanceof ContentPart.File file) {
        source = file.source();
      } else {
        continue;
      }
      Map<String, Object> d = index < described.size() ? map(described.get(index)) : Map.of();
      index++;
      Media.Builder builder =
          Media.builder()
              .mimeType(MimeType.valueOf(source.mediaType().orElse("application/octet-stream")));
      if (source instanceof MediaSource.Inline inline) {
        builder.data(inline.bytes());
      } else {
        builder.data(((MediaSource.Uri) source).uri());
      }
      if (d.get("id") != null) {
        builder.id((String) d.get("id"));
      }
      if (d.get("name") != null) {
        builder.name((String) d.get("name"));
      }
      media.add(builder.build());
    }
    return media;
  }

  private static int count(Map<String, Object> extras, String name, int otherwise) {
    Object value = extras.get(name);
    return value instanceof Number n ? n.intValue() : otherwise;
  }

  private static Map<String, JsonText> extras(Map<String, Object> extras) {
    if (extras.isEmpty()) {
      return Map.of();
    }
    return Map.of(EXTRAS, JsonText.of(JSON.writeValueAsString(extras)));
  }

  private static Map<String, Object> extrasOf(HistoryItem item) {
    JsonText json = item.attributes().get(EXTRAS);
    return json == null ? Map.of() : map(JSON.readValue(json.text(), LinkedHashMap.class));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
