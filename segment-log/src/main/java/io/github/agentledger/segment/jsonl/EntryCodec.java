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
import io.github.agentledger.segment.InvalidTextException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
  private static final TypeAdapter<LogEntry> ENTRY_ADAPTER = new LogEntryAdapter();
  private static final Gson GSON =
      new GsonBuilder()
          .disableHtmlEscaping()
          .serializeNulls()
          .setStrictness(Strictness.STRICT)
          .registerTypeHierarchyAdapter(LogEntry.class, ENTRY_ADAPTER)
          .create();

  /** Room for a typical line (about 1 KB) before the buffer grows. */
  private static final int LINE_CAPACITY = 1024;

  private EntryCodec() {}

  /**
   * Encodes an entry as one line of UTF-8 bytes, without a newline.
   *
   * @throws InvalidTextException if a string of the entry is not valid Unicode (holds a lone
   *     surrogate), which UTF-8 cannot carry; it names the entry kind and the field
   */
  static byte[] encode(LogEntry entry) {
    String line = encodeToString(entry);
    if (loneSurrogateAt(line) >= 0) {
      throw new InvalidTextException(entry.kind(), fieldWithLoneSurrogate(line));
    }
    // With no lone surrogate, String.getBytes is exact UTF-8 (and far cheaper than a
    // CharsetEncoder, which the JDK does not intrinsify): it only replaces what cannot be encoded.
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** {@return the index of the first surrogate that is not part of a pair, or -1} */
  static int loneSurrogateAt(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }


  /**
   * The path (for example {@code item.content[0].text}) of the first member name or string of an
   * encoded line that holds a lone surrogate; only called once one is known to be there.
   */
  static String fieldWithLoneSurrogate(String line) {
    try (JsonReader reader = GSON.newJsonReader(new StringReader(line))) {
      while (reader.peek() != JsonToken.END_DOCUMENT) {
        switch (reader.peek()) {
          case BEGIN_OBJECT -> reader.beginObject();
          case END_OBJECT -> reader.endObject();
          case BEGIN_ARRAY -> reader.beginArray();
          case END_ARRAY -> reader.endArray();
          case NAME -> {
            String name = reader.nextName();
            if (loneSurrogateAt(name) >= 0) {
              return reader.getPath().substring(2) + " (a member name)";
            }
          }
          case STRING -> {
            String path = reader.getPath();
            if (loneSurrogateAt(reader.nextString()) >= 0) {
              return path.substring(2);
            }
          }
          default -> reader.skipValue();
        }
      }
    } catch (IOException | IllegalStateException e) {
      return "(unknown: " + e.getMessage() + ")";
    }
    return "(unknown)";
  }

  static String encodeToString(LogEntry entry) {
    if (entry instanceof LogEntry.Unknown unknown) {
      return unknown.rawLine();
    }
    TextBuffer out = new TextBuffer(LINE_CAPACITY);
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
    return decode(line, LineLimits.DEFAULTS);
  }

  /**
   * Decodes one line of text, without its newline, within {@code limits}' depth and value count.
   *
   * @throws MalformedEntryException if the line is not a valid entry
   * @throws JsonLimitException if it exceeds a limit
   */
  static LogEntry decode(String line, LineLimits limits) {
    return EntryDecoder.decode(parse(line, limits), line);
  }

  /** Parses one complete JSON value, strictly; trailing text is an error. */
  static JsonElement parse(String text) {
    return parse(text, LineLimits.DEFAULTS);
  }

  /** Parses one complete JSON value within {@code limits}, strictly. */
  static JsonElement parse(String text, LineLimits limits) {
    try (JsonReader reader = GSON.newJsonReader(new StringReader(text))) {
      reader.setNestingLimit(limits.maxNestingDepth() + 1); // ours fires first, typed
      JsonElement element = StrictJsonTree.read(reader, limits);
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
    return decodeSkippingHistory(buffer, offset, length, LineLimits.DEFAULTS);
  }

  /** As {@link #decodeSkippingHistory(byte[], int, int)}, within {@code limits}. */
  static LogEntry decodeSkippingHistory(byte[] buffer, int offset, int length,
      LineLimits limits) {
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
          skipWithinDepth(reader, limits);
          object.add(name, new JsonArray());
        } else {
          object.add(name, StrictJsonTree.read(reader, limits));
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

  /** Skips one value, keeping nothing; nesting deeper than the limit is a limit error. */
  private static void skipWithinDepth(JsonReader reader, LineLimits limits) throws IOException {
    // The skipped value is an object member: one level is already open.
    reader.setNestingLimit(limits.maxNestingDepth());
    try {
      reader.skipValue();
    } catch (com.google.gson.stream.MalformedJsonException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Nesting limit")) {
        throw new JsonLimitException(
            io.github.agentledger.segment.SegmentLimitExceededException.Limit.NESTING_DEPTH,
            limits.maxNestingDepth(), limits.maxNestingDepth() + 1L);
      }
      throw e;
    }
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
