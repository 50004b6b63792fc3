package io.github.agentledger.segment.jsonl;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.InvalidJsonException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link LogEntry} as one JSONL line and decodes it back; the entry point the segment
 * files use.
 *
 * <p>A line is a compact JSON object in UTF-8, {@code kind} first, then the reference's fields in
 * the reference's order, without the terminating newline (the file layer adds it). Decoding is
 * strict (RFC 8259, no lenient gson parsing): invalid UTF-8, invalid JSON, wrong types and missing
 * required fields are a {@link MalformedEntryException}; unknown fields of known kinds are ignored;
 * an unknown kind becomes {@link LogEntry.Unknown} holding the line exactly. A {@code
 * segment_start} with a {@code "v"} other than 1 is an {@link
 * io.github.agentledger.segment.UnsupportedFormatVersionException}; one with no {@code "v"} (a
 * reference-written file) is read as version 1.
 *
 * <p>Stateless and thread-safe: the one {@link Gson} is immutable.
 */
final class EntryCodec {
  private static final String HISTORY = "history";
  private static final int INITIAL_LINE_BYTES = 256;
  private static final TypeAdapter<LogEntry> ENTRY_ADAPTER = new LogEntryAdapter();
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .serializeNulls()
          .setStrictness(Strictness.STRICT)
          .registerTypeHierarchyAdapter(LogEntry.class, ENTRY_ADAPTER)
          .create();

  private EntryCodec() {}

  /**
   * Encodes an entry as one line of UTF-8 bytes, without a newline.
   *
   * @throws IllegalArgumentException if a string of the entry is not valid Unicode (holds a lone
   *     surrogate), which UTF-8 cannot carry
   */
  static byte[] encode(LogEntry entry) {
    if (entry instanceof LogEntry.Unknown unknown) {
      return encodeStrictly(entry, unknown.rawLine());
    }
    // Straight to UTF-8 bytes: a fork's segment_start can be as long as the whole log, and going
    // through a String first would copy it twice more (UTF-16 builder, then the String itself).
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(INITIAL_LINE_BYTES);
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (JsonWriter writer = GSON.newJsonWriter(new OutputStreamWriter(bytes, encoder))) {
      ENTRY_ADAPTER.write(writer, entry);
    } catch (CharacterCodingException e) {
      throw notUnicode(entry, e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] encodeStrictly(LogEntry entry, String line) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(line));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw notUnicode(entry, e);
    }
  }

  private static IllegalArgumentException notUnicode(LogEntry entry, CharacterCodingException e) {
    return new IllegalArgumentException(
        entry.kind() + " entry holds a string that is not valid Unicode (a lone surrogate)", e);
  }

  static String encodeToString(LogEntry entry) {
    if (entry instanceof LogEntry.Unknown unknown) {
      return unknown.rawLine();
    }
    StringWriter out = new StringWriter();
    try (JsonWriter writer = GSON.newJsonWriter(out)) {
      ENTRY_ADAPTER.write(writer, entry);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  /**
   * Decodes one line of bytes, without its newline.
   *
   * @throws MalformedEntryException if the line is not a valid entry
   */
  static LogEntry decode(byte[] line) {
    return decode(line, 0, line.length);
  }

  /**
   * Decodes one line held in {@code length} bytes of a buffer from {@code offset}, without its
   * newline; the bytes are not retained.
   *
   * @throws MalformedEntryException if the line is not a valid entry
   */
  static LogEntry decode(byte[] buffer, int offset, int length) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(buffer, offset, length))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedEntryException("is not valid UTF-8: " + e.getMessage(), e);
    }
    return decode(text);
  }

  /**
   * Decodes one line of text, without its newline.
   *
   * @throws MalformedEntryException if the line is not a valid entry
   */
  static LogEntry decode(String line) {
    return EntryDecoder.decode(parse(line), line);
  }

  /** Parses one complete JSON value, strictly; trailing text is an error. */
  static JsonElement parse(String text) {
    try (JsonReader reader = GSON.newJsonReader(new StringReader(text))) {
      JsonElement element = StrictJsonTree.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedEntryException(
            "is not valid JSON: text after the value at " + reader.getPath());
      }
      return element;
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new MalformedEntryException("is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Reads one JSON value from a reader as a tree. */
  /**
   * Decodes a line already checked as UTF-8, skipping the value of the top-level {@code history}
   * field (replaced by an empty array; checked for JSON syntax only): the cheap read of a {@code
   * segment_start}'s other fields. The history is neither turned into a string nor into a tree.
   */
  static LogEntry decodeSkippingHistory(byte[] buffer, int offset, int length) {
    Reader text =
        new InputStreamReader(
            new ByteArrayInputStream(buffer, offset, length), StandardCharsets.UTF_8);
    JsonObject object = new JsonObject();
    try (JsonReader reader = GSON.newJsonReader(text)) {
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw new MalformedEntryException("is not a JSON object but " + reader.peek());
      }
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (object.has(name)) {
          throw new MalformedEntryException(
              "is not valid JSON: duplicate field '" + name + "' at " + reader.getPath());
        }
        if (name.equals(HISTORY)) {
          reader.skipValue();
          object.add(name, new JsonArray());
        } else {
          object.add(name, StrictJsonTree.read(reader));
        }
      }
      reader.endObject();
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new MalformedEntryException(
            "is not valid JSON: text after the value at " + reader.getPath());
      }
    } catch (IOException | JsonParseException | IllegalStateException e) {
      throw new MalformedEntryException("is not valid JSON: " + e.getMessage(), e);
    }
    return EntryDecoder.decode(object, "");
  }

  static JsonElement readTree(JsonReader reader) throws IOException {
    return StrictJsonTree.read(reader);
  }

  /** The compact text of a decoded JSON value, as opaque JSON. */
  static JsonText toJsonText(JsonElement element) {
    try {
      return JsonText.of(GSON.toJson(element));
    } catch (InvalidJsonException e) {
      throw new MalformedEntryException("holds JSON the API cannot carry: " + e.getMessage(), e);
    }
  }

  /** Writes opaque JSON as it is. */
  static void writeJson(JsonWriter writer, JsonText json) throws IOException {
    writer.jsonValue(json.text());
  }
}
