package io.github.agentledger.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.audio.Audio;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.AudioContent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.PdfFileContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.pdf.PdfFile;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.internal.Json;
import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.MediaSource;
import io.github.agentledger.segment.Role;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maps LangChain4j messages to history items and back, without loss.
 *
 * <p>Each message becomes the items a reader of the log expects (a user or system message, an
 * assistant message followed by its reasoning and tool calls, a tool result); what those items
 * cannot say (a user's name, message attributes, an image's detail level, a video, an unset error
 * flag, a custom message) goes in one item attribute, {@value #EXTRAS}, a JSON object written with
 * LangChain4j's own JSON codec. An assistant message's attribute counts the items that follow it
 * ({@code items}), so two consecutive assistant messages never merge. Attribute values go through
 * JSON: strings, numbers, booleans, lists and maps come back equal (numbers as LangChain4j's own
 * serializer reads them); other objects come back as their JSON maps.
 *
 * <p>Stateless and thread-safe.
 */
final class MessageMapper {
  /** The item attribute holding what the items themselves cannot say. */
  static final String EXTRAS = "langchain4j";

  private static final String OCTET_STREAM = "application/octet-stream";

  private MessageMapper() {}

  /** Adds the items of one message to {@code out}. */
  static void toItems(ChatMessage message, List<HistoryItem> out) {
    if (message instanceof SystemMessage system) {
      out.add(HistoryItem.Message.text(Role.SYSTEM, system.text()));
    } else if (message instanceof UserMessage user) {
      out.add(user(user));
    } else if (message instanceof AiMessage ai) {
      ai(ai, out);
    } else if (message instanceof ToolExecutionResultMessage result) {
      out.add(toolResult(result));
    } else if (message instanceof CustomMessage custom) {
      Map<String, Object> extras = new LinkedHashMap<>();
      extras.put("custom", custom.attributes());
      out.add(new HistoryItem.Message(Role.SYSTEM, List.of(), Optional.empty(), extras(extras)));
    } else {
      throw new IllegalArgumentException(
          "LangChain4j message type " + message.getClass().getName() + " is not supported");
    }
  }

  private static HistoryItem user(UserMessage user) {
    List<ContentPart> parts = new ArrayList<>(user.contents().size());
    List<String> kinds = new ArrayList<>(user.contents().size());
    boolean kindsNeeded = false;
    for (Content content : user.contents()) {
      if (content instanceof TextContent text) {
        parts.add(new ContentPart.Text(text.text()));
        kinds.add("text");
      } else if (content instanceof ImageContent image) {
        Image i = image.image();
        parts.add(new ContentPart.Image(source(i.url(), i.base64Data(), i.mimeType())));
        kinds.add("image:" + image.detailLevel().name());
        kindsNeeded = true;
      } else if (content instanceof AudioContent audio) {
        Audio a = audio.audio();
        parts.add(new ContentPart.Audio(source(a.url(), a.base64Data(), a.mimeType())));
        kinds.add("audio");
      } else if (content instanceof PdfFileContent pdf) {
        PdfFile p = pdf.pdfFile();
        parts.add(
            new ContentPart.File(source(p.url(), p.base64Data(), p.mimeType()), Optional.empty()));
        kinds.add("pdf");
      } else if (content instanceof VideoContent video) {
        Video v = video.video();
        parts.add(
            new ContentPart.File(source(v.url(), v.base64Data(), v.mimeType()), Optional.empty()));
        kinds.add("video");
        kindsNeeded = true;
      } else {
        throw new IllegalArgumentException(
            "LangChain4j content type " + content.getClass().getName() + " is not supported");
      }
    }
    Map<String, Object> extras = new LinkedHashMap<>();
    if (user.name() != null) {
      extras.put("name", user.name());
    }
    if (!user.attributes().isEmpty()) {
      extras.put("attributes", user.attributes());
    }
    if (kindsNeeded) {
      extras.put("parts", kinds);
    }
    return new HistoryItem.Message(Role.USER, parts, Optional.empty(), extras(extras));
  }

  private static void ai(AiMessage ai, List<HistoryItem> out) {
    List<HistoryItem> following = new ArrayList<>();
    if (ai.thinking() != null) {
      following.add(new HistoryItem.Reasoning(ai.thinking(), List.of(), Optional.empty(),
          Optional.empty()));
    }
    for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
      following.add(
          new HistoryItem.ToolCall(
              orEmpty(request.id()), orEmpty(request.name()), orEmpty(request.arguments())));
    }
    Map<String, Object> extras = new LinkedHashMap<>();
    if (!following.isEmpty()) {
      extras.put("items", following.size());
    }
    if (!ai.attributes().isEmpty()) {
      extras.put("attributes", ai.attributes());
    }
    List<ContentPart> content =
        ai.text() == null ? List.of() : List.of(new ContentPart.Text(ai.text()));
    out.add(new HistoryItem.Message(Role.ASSISTANT, content, Optional.empty(), extras(extras)));
    out.addAll(following);
  }

  private static HistoryItem toolResult(ToolExecutionResultMessage result) {
    Map<String, Object> extras = new LinkedHashMap<>();
    if (result.isError() == null) {
      extras.put("error_unset", true);
    }
    if (!result.attributes().isEmpty()) {
      extras.put("attributes", result.attributes());
    }
    return new HistoryItem.ToolResult(
        orEmpty(result.id()),
        orEmpty(result.text()),
        Optional.empty(),
        List.of(),
        Boolean.TRUE.equals(result.isError()),
        Optional.ofNullable(result.toolName()),
        extras(extras));
  }

  /** {@return the messages of the items, in order; items written by others map as they can} */
  static List<ChatMessage> toMessages(List<HistoryItem> items) {
    List<ChatMessage> messages = new ArrayList<>(items.size());
    int i = 0;
    while (i < items.size()) {
      HistoryItem item = items.get(i++);
      Map<String, Object> extras = extrasOf(item);
      if (item instanceof HistoryItem.Message m && m.role() == Role.ASSISTANT) {
        int count = ((Number) extras.getOrDefault("items", 0)).intValue();
        int end = Math.min(items.size(), i + count);
        messages.add(ai(m, extras, items.subList(i, end)));
        i = end;
      } else if (item instanceof HistoryItem.Message m && m.role() == Role.USER) {
        messages.add(user(m, extras));
      } else if (item instanceof HistoryItem.Message m) {
        messages.add(
            extras.containsKey("custom")
                ? new CustomMessage(map(extras.get("custom")))
                : new SystemMessage(m.text()));
      } else if (item instanceof HistoryItem.ToolResult r) {
        messages.add(
            ToolExecutionResultMessage.builder()
                .id(r.callId().isEmpty() ? null : r.callId())
                .toolName(r.toolName().orElse(null))
                .text(r.summary())
                .isError(extras.containsKey("error_unset") ? null : r.isError())
                .attributes(map(extras.getOrDefault("attributes", Map.of())))
                .build());
      } else {
        // A reasoning block or tool call written without its assistant message.
        messages.add(ai(new HistoryItem.Message(Role.ASSISTANT, List.of()), Map.of(),
            List.of(item)));
      }
    }
    return messages;
  }

  private static AiMessage ai(
      HistoryItem.Message head, Map<String, Object> extras, List<HistoryItem> following) {
    String thinking = null;
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (HistoryItem item : following) {
      if (item instanceof HistoryItem.Reasoning r) {
        thinking = r.text();
      } else if (item instanceof HistoryItem.ToolCall c) {
        requests.add(
            ToolExecutionRequest.builder()
                .id(c.callId().isEmpty() ? null : c.callId())
                .name(c.name())
                .arguments(c.arguments())
                .build());
      }
    }
    boolean hasText = head.content().stream().anyMatch(ContentPart.Text.class::isInstance);
    return AiMessage.builder()
        .text(hasText ? head.text() : null)
        .thinking(thinking)
        .toolExecutionRequests(requests)
        .attributes(map(extras.getOrDefault("attributes", Map.of())))
        .build();
  }

  private static UserMessage user(HistoryItem.Message m, Map<String, Object> extras) {
    List<?> kinds = (List<?>) extras.getOrDefault("parts", List.of());
    List<Content> contents = new ArrayList<>(m.content().size());
    for (int p = 0; p < m.content().size(); p++) {
      ContentPart part = m.content().get(p);
      String kind = p < kinds.size() ? kinds.get(p).toString() : "";
      if (part instanceof ContentPart.Text t) {
        contents.add(new TextContent(t.text()));
      } else if (part instanceof ContentPart.Image i) {
        ImageContent.DetailLevel detail =
            kind.startsWith("image:")
                ? ImageContent.DetailLevel.valueOf(kind.substring("image:".length()))
                : ImageContent.DetailLevel.LOW;
        Image.Builder image = Image.builder().mimeType(mime(i.source()));
        contents.add(new ImageContent(withSource(image, i.source()).build(), detail));
      } else if (part instanceof ContentPart.Audio a) {
        Audio.Builder audio = Audio.builder().mimeType(mime(a.source()));
        if (a.source() instanceof MediaSource.Uri u) {
          audio.url(URI.create(u.uri()));
        } else {
          audio.base64Data(((MediaSource.Inline) a.source()).base64Data());
        }
        contents.add(new AudioContent(audio.build()));
      } else if (part instanceof ContentPart.File f && kind.equals("video")) {
        Video.Builder video = Video.builder().mimeType(mime(f.source()));
        if (f.source() instanceof MediaSource.Uri u) {
          video.url(URI.create(u.uri()));
        } else {
          video.base64Data(((MediaSource.Inline) f.source()).base64Data());
        }
        contents.add(new VideoContent(video.build()));
      } else if (part instanceof ContentPart.File f) {
        PdfFile.Builder pdf = PdfFile.builder().mimeType(mime(f.source()));
        if (f.source() instanceof MediaSource.Uri u) {
          pdf.url(URI.create(u.uri()));
        } else {
          pdf.base64Data(((MediaSource.Inline) f.source()).base64Data());
        }
        contents.add(new PdfFileContent(pdf.build()));
      }
      // A refusal or a part of unknown kind has no LangChain4j content: it stays in the log only.
    }
    return UserMessage.builder()
        .name((String) extras.get("name"))
        .contents(contents)
        .attributes(map(extras.getOrDefault("attributes", Map.of())))
        .build();
  }

  private static Image.Builder withSource(Image.Builder image, MediaSource source) {
    if (source instanceof MediaSource.Uri u) {
      return image.url(URI.create(u.uri()));
    }
    return image.base64Data(((MediaSource.Inline) source).base64Data());
  }

  private static @Nullable String mime(MediaSource source) {
    return source.mediaType().orElse(null);
  }

  private static MediaSource source(URI url, String base64, String mimeType) {
    if (url != null) {
      return new MediaSource.Uri(url.toString(), Optional.ofNullable(mimeType));
    }
    if (base64 == null) {
      throw new IllegalArgumentException("LangChain4j media content has neither URL nor data");
    }
    return new MediaSource.Inline(mimeType == null ? OCTET_STREAM : mimeType, base64);
  }

  private static Map<String, JsonText> extras(Map<String, Object> extras) {
    if (extras.isEmpty()) {
      return Map.of();
    }
    return Map.of(EXTRAS, JsonText.of(Json.toJson(extras)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> extrasOf(HistoryItem item) {
    JsonText json = item.attributes().get(EXTRAS);
    return json == null ? Map.of() : Json.fromJson(json.text(), LinkedHashMap.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
