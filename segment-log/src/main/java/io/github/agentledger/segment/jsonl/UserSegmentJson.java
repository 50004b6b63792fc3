package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.UserSegment;
import java.io.IOException;

/**
 * Pieces of user input: {@code text}, {@code paste}, {@code file_ref}, {@code flow}, and our media
 * pieces {@code image}, {@code audio}, {@code file} (written as the content parts of the same
 * kinds); a piece of any other kind is kept whole and written back as it was.
 */
final class UserSegmentJson {
  private UserSegmentJson() {}

  static void write(JsonWriter w, UserSegment segment) throws IOException {
    if (segment instanceof UserSegment.Unknown unknown) {
      EntryCodec.writeJson(w, unknown.json());
      return;
    }
    if (segment instanceof UserSegment.Media media) {
      HistoryItemJson.contentPart(w, media.part());
      return;
    }
    w.beginObject();
    if (segment instanceof UserSegment.Text text) {
      w.name("kind").value("text").name("content").value(text.content());
    } else if (segment instanceof UserSegment.Paste paste) {
      w.name("kind").value("paste");
      w.name("id").value(paste.id());
      w.name("chars").value(paste.chars());
      w.name("lines").value(paste.lines());
      w.name("content").value(paste.content());
    } else if (segment instanceof UserSegment.FileRef ref) {
      w.name("kind").value("file_ref").name("path").value(ref.path());
    } else if (segment instanceof UserSegment.Flow flow) {
      w.name("kind").value("flow").name("selector").value(flow.selector());
    }
    w.endObject();
  }

  static UserSegment read(JsonElement element, RawJson raw) {
    JsonFields f = JsonFields.of(element, "user_input segment");
    String kind = f.string("kind");
    switch (kind) {
      case "text":
        return new UserSegment.Text(f.string("content"));
      case "paste":
        return new UserSegment.Paste(
            f.integer("id"), f.integer("chars"), f.integer("lines"), f.string("content"));
      case "file_ref":
        return new UserSegment.FileRef(f.string("path"));
      case "flow":
        return new UserSegment.Flow(f.string("selector"));
      case "image", "audio", "file":
        return new UserSegment.Media(
            HistoryItemJson.contentPart(element, "user_input segment", raw));
      default:
        return new UserSegment.Unknown(kind, raw.text(EntryCodec.toJsonText(element)));
    }
  }
}
