package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.ImageAttachment;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.MediaSource;
import io.github.agentledger.segment.MessageId;
import io.github.agentledger.segment.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * History items ({@code LoggedItem} of the reference): {@code message}, {@code tool_call}, {@code
 * tool_result}, {@code reasoning}; optional fields are omitted when absent, empty or false. Our
 * additions follow the reference's fields: a message's {@code id}, a tool result's {@code
 * tool_name}, every item's {@code attributes}; content parts {@code image}, {@code audio}, {@code
 * file} beside {@code text} and {@code refusal}, and a part of any other kind kept as written.
 */
final class HistoryItemJson {
  private HistoryItemJson() {}

  static void write(JsonWriter w, HistoryItem item) throws IOException {
    w.beginObject();
    if (item instanceof HistoryItem.Message message) {
      w.name("kind").value("message");
      w.name("role").value(message.role().wireName());
      w.name("content").beginArray();
      for (ContentPart part : message.content()) {
        contentPart(w, part);
      }
      w.endArray();
      if (message.id().isPresent()) {
        w.name("id").value(message.id().get().value());
      }
    } else if (item instanceof HistoryItem.ToolCall call) {
      w.name("kind").value("tool_call");
      w.name("call_id").value(call.callId());
      w.name("name").value(call.name());
      w.name("arguments").value(call.arguments());
    } else if (item instanceof HistoryItem.ToolResult result) {
      w.name("kind").value("tool_result");
      w.name("call_id").value(result.callId());
      w.name("summary").value(result.summary());
      omittable(w, "content", result.content());
      if (!result.attachments().isEmpty()) {
        w.name("attachments").beginArray();
        for (ImageAttachment image : result.attachments()) {
          w.beginObject();
          w.name("kind").value("image");
          w.name("mime_type").value(image.mimeType());
          w.name("data").value(image.base64Data());
          w.endObject();
        }
        w.endArray();
      }
      if (result.isError()) {
        w.name("is_error").value(true);
      }
      omittable(w, "tool_name", result.toolName());
    } else if (item instanceof HistoryItem.Reasoning reasoning) {
      w.name("kind").value("reasoning");
      w.name("text").value(reasoning.text());
      if (!reasoning.summary().isEmpty()) {
        w.name("summary").beginArray();
        for (String line : reasoning.summary()) {
          w.value(line);
        }
        w.endArray();
      }
      omittable(w, "encrypted_content", reasoning.encryptedContent());
      omittable(w, "signature", reasoning.signature());
    }
    attributes(w, item.attributes());
    w.endObject();
  }

  /** Writes {@code "attributes":{...}} unless there is none. */
  static void attributes(JsonWriter w, Map<String, JsonText> attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    w.name("attributes").beginObject();
    for (Map.Entry<String, JsonText> attribute : attributes.entrySet()) {
      w.name(attribute.getKey());
      EntryCodec.writeJson(w, attribute.getValue());
    }
    w.endObject();
  }

  static void contentPart(JsonWriter w, ContentPart part) throws IOException {
    if (part instanceof ContentPart.Unknown unknown) {
      EntryCodec.writeJson(w, unknown.json());
      return;
    }
    w.beginObject();
    if (part instanceof ContentPart.Text text) {
      w.name("kind").value("text").name("text").value(text.text());
    } else if (part instanceof ContentPart.Refusal refusal) {
      w.name("kind").value("refusal").name("refusal").value(refusal.refusal());
    } else if (part instanceof ContentPart.Image image) {
      w.name("kind").value("image");
      source(w, image.source());
    } else if (part instanceof ContentPart.Audio audio) {
      w.name("kind").value("audio");
      source(w, audio.source());
    } else if (part instanceof ContentPart.File file) {
      w.name("kind").value("file");
      source(w, file.source());
      omittable(w, "filename", file.filename());
    }
    w.endObject();
  }

  private static void source(JsonWriter w, MediaSource source) throws IOException {
    if (source instanceof MediaSource.Inline inline) {
      w.name("media_type").value(inline.type());
      w.name("data").value(inline.base64Data());
    } else if (source instanceof MediaSource.Uri uri) {
      w.name("uri").value(uri.uri());
      omittable(w, "media_type", uri.mediaType());
    }
  }

  static void omittable(JsonWriter w, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      w.name(name).value(value.get());
    }
  }

  static HistoryItem read(JsonElement element, RawJson raw) {
    JsonFields f = JsonFields.of(element, "history item");
    String kind = f.string("kind");
    f = new JsonFields(f.object(), "history item " + kind);
    Map<String, JsonText> attributes = attributes(f, raw);
    switch (kind) {
      case "message":
        return new HistoryItem.Message(
            role(f.string("role")),
            contentParts(f, raw.at("content")),
            f.optionalString("id").map(HistoryItemJson::messageId),
            attributes);
      case "tool_call":
        return new HistoryItem.ToolCall(
            f.string("call_id"), f.string("name"), f.string("arguments"), attributes);
      case "tool_result":
        return new HistoryItem.ToolResult(
            f.string("call_id"),
            f.string("summary"),
            f.optionalString("content"),
            f.list("attachments", HistoryItemJson::image),
            f.flag("is_error"),
            f.optionalString("tool_name"),
            attributes);
      case "reasoning":
        return new HistoryItem.Reasoning(
            f.string("text"),
            f.strings("summary"),
            f.optionalString("encrypted_content"),
            f.optionalString("signature"),
            attributes);
      default:
        throw new MalformedEntryException("unknown history item kind '" + kind + "'");
    }
  }

  /** Reads {@code attributes}, each value as written; absent is empty. */
  static Map<String, JsonText> attributes(JsonFields f, RawJson raw) {
    Optional<JsonElement> value = f.optional("attributes");
    if (value.isEmpty()) {
      return Map.of();
    }
    JsonObject object = JsonFields.of(value.get(), f.where() + " attributes").object();
    Map<String, JsonText> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      String name = member.getKey();
      f.requireUnicode("attributes", name);
      attributes.put(
          name,
          raw.at("attributes").at(name).text(EntryCodec.toJsonText(member.getValue())));
    }
    return attributes;
  }

  private static List<ContentPart> contentParts(JsonFields f, RawJson raw) {
    List<ContentPart> parts = new ArrayList<>();
    if (f.optional("content").isEmpty()) {
      return parts;
    }
    int i = 0;
    for (JsonElement part : f.array("content")) {
      parts.add(contentPart(part, f.where(), raw.at(i++)));
    }
    return parts;
  }

  private static MessageId messageId(String id) {
    try {
      return new MessageId(id);
    } catch (IllegalArgumentException e) {
      throw new MalformedEntryException("message: invalid id: " + e.getMessage(), e);
    }
  }

  private static Role role(String name) {
    for (Role role : Role.values()) {
      if (role.wireName().equals(name)) {
        return role;
      }
    }
    throw new MalformedEntryException("unknown message role '" + name + "'");
  }

  /**
   * Reads one content part; a part of an unknown kind, or of a known media kind with neither
   * {@code data} nor {@code uri}, is kept as written.
   */
  static ContentPart contentPart(JsonElement element, String where, RawJson raw) {
    JsonFields f = JsonFields.of(element, where + " content part");
    String kind = f.string("kind");
    switch (kind) {
      case "text":
        return new ContentPart.Text(f.string("text"));
      case "refusal":
        return new ContentPart.Refusal(f.string("refusal"));
      case "image":
        return new ContentPart.Image(source(f));
      case "audio":
        return new ContentPart.Audio(source(f));
      case "file":
        return new ContentPart.File(source(f), f.optionalString("filename"));
      default:
        return new ContentPart.Unknown(kind, raw.text(EntryCodec.toJsonText(element)));
    }
  }

  private static MediaSource source(JsonFields f) {
    Optional<String> uri = f.optionalString("uri");
    if (uri.isPresent()) {
      return new MediaSource.Uri(uri.get(), f.optionalString("media_type"));
    }
    return new MediaSource.Inline(f.string("media_type"), f.string("data"));
  }

  private static ImageAttachment image(JsonElement element) {
    JsonFields f = JsonFields.of(element, "tool_result attachment");
    String kind = f.string("kind");
    if (!kind.equals("image")) {
      throw new MalformedEntryException("unknown attachment kind '" + kind + "'");
    }
    return new ImageAttachment(f.string("mime_type"), f.string("data"));
  }
}
