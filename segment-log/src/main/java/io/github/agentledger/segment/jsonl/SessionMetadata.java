package io.github.agentledger.segment.jsonl;

import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A session's own metadata, {@code <session>/session.json}: the conversation keys it claims and
 * its attributes, {@code {"v":1,"keys":[...],"attributes":{...}}}. It is the truth the key index
 * is rebuilt from, and deleting the session deletes it.
 *
 * <p>Every change is a read-modify-write under {@code session.json.lock} (a JVM claim, then an OS
 * file lock, held for milliseconds) and an atomic whole-file replace, so concurrent changes lose
 * nothing and a crash leaves the old file or the new one.
 *
 * @param keys the keys the session claims, sorted
 * @param attributes its attributes, by name
 */
record SessionMetadata(List<ConversationKey> keys, Map<String, JsonText> attributes) {
  static final String FILE_NAME = "session.json";

  SessionMetadata {
    keys = List.copyOf(keys);
    attributes = Map.copyOf(attributes);
  }

  static SessionMetadata empty() {
    return new SessionMetadata(List.of(), Map.of());
  }

  /** Reads a session's metadata; a session without the file has none. */
  static SessionMetadata read(Path sessionDir) {
    Path file = sessionDir.resolve(FILE_NAME);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException e) {
      throw StoreErrors.io("reading session metadata", file, e);
    }
    try {
      JsonFields f = JsonFields.of(EntryCodec.parse(text.strip()), FILE_NAME);
      List<ConversationKey> keys = new ArrayList<>();
      for (String key : f.strings("keys")) {
        keys.add(new ConversationKey(key));
      }
      return new SessionMetadata(keys, HistoryItemJson.attributes(f, RawJson.of(text.strip())));
    } catch (MalformedEntryException | IllegalArgumentException e) {
      throw new CorruptSegmentException(
          StoreErrors.location(file), 1, 0, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Changes a session's metadata atomically.
   *
   * @return the metadata after the change
   */
  static SessionMetadata update(Path sessionDir, UnaryOperator<SessionMetadata> change) {
    Path file = sessionDir.resolve(FILE_NAME);
    return BriefFileLock.holding(
        SegmentPaths.lockFile(file),
        "writing session metadata",
        file,
        () -> {
          SessionMetadata changed = change.apply(read(sessionDir));
          AtomicFileWrite.replace(file, changed.encode());
          return changed;
        });
  }

  SessionMetadata withKey(ConversationKey key) {
    TreeSet<String> names = names();
    names.add(key.value());
    return new SessionMetadata(names.stream().map(ConversationKey::new).toList(), attributes);
  }

  SessionMetadata withoutKey(ConversationKey key) {
    TreeSet<String> names = names();
    names.remove(key.value());
    return new SessionMetadata(names.stream().map(ConversationKey::new).toList(), attributes);
  }

  SessionMetadata withAttributes(Map<String, JsonText> added) {
    Map<String, JsonText> merged = new TreeMap<>(attributes);
    merged.putAll(added);
    return new SessionMetadata(keys, merged);
  }

  SessionMetadata withoutAttribute(String name) {
    Map<String, JsonText> kept = new TreeMap<>(attributes);
    kept.remove(name);
    return new SessionMetadata(keys, kept);
  }

  /** {@return the attributes, sorted by name} */
  Map<String, JsonText> sortedAttributes() {
    return Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  private TreeSet<String> names() {
    TreeSet<String> names = new TreeSet<>();
    keys.forEach(k -> names.add(k.value()));
    return names;
  }

  private byte[] encode() throws IOException {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setHtmlSafe(false);
      w.beginObject();
      w.name("v").value(1);
      w.name("keys").beginArray();
      for (String key : names()) {
        w.value(key);
      }
      w.endArray();
      HistoryItemJson.attributes(w, sortedAttributes());
      w.endObject();
    }
    text.write('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
