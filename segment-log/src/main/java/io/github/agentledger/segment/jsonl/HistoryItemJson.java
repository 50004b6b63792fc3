package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.ContentPart;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.ImageAttachment;
import io.github.agentledger.segment.Role;
import java.io.IOException;
import java.util.Optional;

/**
 * History items ({@code LoggedItem} of the reference): {@code message}, {@code tool_call}, {@code
 * tool_result}, {@code reasoning}; optional fields are omitted when absent, empty or false.
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
        w.beginObject();
        if (part instanceof ContentPart.Text text) {
          w.name("kind").value("text").name("text").value(text.text());
        } else if (part instanceof ContentPart.Refusal refusal) {
          w.name("kind").value("refusal").name("refusal").value(refusal.refusal());
        }
        w.endObject();
      }
      w.endArray();
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
    w.endObject();
  }

  static void omittable(JsonWriter w, String name, Optional<String> value) throws IOException {
    if (value.isPresent()) {
      w.name(name).value(value.get());
    }
  }

  static HistoryItem read(JsonElement element) {
    JsonFields f = JsonFields.of(element, "history item");
    String kind = f.string("kind");
    f = new JsonFields(f.object(), "history item " + kind);
    switch (kind) {
      case "message":
        JsonFields m = f;
        return new HistoryItem.Message(
            role(f.string("role")), f.list("content", part -> contentPart(part, m.where())));
      case "tool_call":
        return new HistoryItem.ToolCall(
            f.string("call_id"), f.string("name"), f.string("arguments"));
      case "tool_result":
        return new HistoryItem.ToolResult(
            f.string("call_id"),
            f.string("summary"),
            f.optionalString("content"),
            f.list("attachments", HistoryItemJson::image),
            f.flag("is_error"));
      case "reasoning":
        return new HistoryItem.Reasoning(
            f.string("text"),
            f.strings("summary"),
            f.optionalString("encrypted_content"),
            f.optionalString("signature"));
      default:
        throw new MalformedEntryException("unknown history item kind '" + kind + "'");
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

  private static ContentPart contentPart(JsonElement element, String where) {
    JsonFields f = JsonFields.of(element, where + " content part");
    String kind = f.string("kind");
    switch (kind) {
      case "text":
        return new ContentPart.Text(f.string("text"));
      case "refusal":
        return new ContentPart.Refusal(f.string("refusal"));
      default:
        throw new MalformedEntryException("unknown content part kind '" + kind + "'");
    }
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
