package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import com.google.gson.JsonArray;
import io.github.agentledger.checkpoint.InvalidCheckpointRequestException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict JSON parsing of stored files, and tolerant field access: a missing key or a JSON
 * {@code null} reads as the zero value (as Go's decoder leaves it), unknown keys are ignored, but
 * a value of the wrong type or text that is not JSON is corruption. Decoding is as strict as the
 * segment log's (docs/checkpoint-format.md#reading-stored-data-strictly): bytes that are not
 * valid UTF-8 and an object naming one key twice are corruption too, never a U+FFFD or a silent
 * "last one wins"; so is a value the API's types reject (a negative counter). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class StrictJson {
  // The adapter honours the reader's strictness (JsonParser.parseReader would force lenience).
  private static final TypeAdapter<JsonElement> TREE = new Gson().getAdapter(JsonElement.class);

  private StrictJson() {}

  /**
   * Parses one JSON object, rejecting lenient syntax and trailing data.
   *
   * @param bytes UTF-8 JSON
   * @param where the path (and ref) of the file, for the error message
   * @return the object
   * @throws CorruptCheckpointException if the bytes are not one JSON object
   */
  public static JsonObject parseObject(byte[] bytes, String where) {
    String text = text(bytes, where);
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = readValue(reader, where, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CorruptCheckpointException(where, "unexpected data after the JSON value", null);
      }
      if (!element.isJsonObject()) {
        throw new CorruptCheckpointException(where, "expected a JSON object, found "
            + abbreviated(element), null);
      }
      return element.getAsJsonObject();
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw new CorruptCheckpointException(where, "not valid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes stored bytes as strict UTF-8.
   *
   * @param bytes the stored bytes
   * @param where the file's location, for errors
   * @return the text
   * @throws CorruptCheckpointException if the bytes are not valid UTF-8
   */
  static String text(byte[] bytes, String where) {
    if (isAscii(bytes)) {
      // Most stored JSON is ASCII: nothing to check, and the JDK's fastest decoding.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CorruptCheckpointException(where, "not valid UTF-8: " + e.getMessage(), e);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** How deep stored JSON may nest; ours nests four levels, Entire's about as many. */
  static final int MAX_DEPTH = 64;

  /**
   * Reads one value into a tree, rejecting a key that appears twice in one object (gson's tree
   * reader keeps the last silently) and nesting deeper than {@link #MAX_DEPTH}. Primitives are
   * read by gson's own tree adapter, so numbers keep exactly the representation they had.
   */
  static JsonElement readValue(JsonReader reader, String where, int depth)
      throws IOException {
    JsonToken token = reader.peek();
    if ((token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY)
        && depth >= MAX_DEPTH) {
      throw new CorruptCheckpointException(where,
          "JSON nested deeper than " + MAX_DEPTH + " levels at " + reader.getPath(), null);
    }
    if (token == JsonToken.BEGIN_OBJECT) {
      JsonObject object = new JsonObject();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (object.has(name)) {
          throw new CorruptCheckpointException(where,
              "duplicate key \"" + name + "\" at " + reader.getPath(), null);
        }
        object.add(name, readValue(reader, where, depth + 1));
      }
      reader.endObject();
      return object;
    }
    if (token == JsonToken.BEGIN_ARRAY) {
      JsonArray array = new JsonArray();
      reader.beginArray();
      while (reader.hasNext()) {
        array.add(readValue(reader, where, depth + 1));
      }
      reader.endArray();
      return array;
    }
    return TREE.read(reader);
  }

  /**
   * Builds a value from decoded fields, reporting what the API's types reject (a negative
   * counter, an out-of-range number) as corruption of the stored file rather than as a bad
   * request: the caller asked for nothing wrong, the file is.
   *
   * @param where the path (and ref) of the file, for the error message
   * @param build builds the value
   * @return the value
   * @throws CorruptCheckpointException if building it fails
   */
  public static <T> T decoded(String where, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidCheckpointRequestException | IllegalArgumentException
        | ArithmeticException e) {
      throw new CorruptCheckpointException(where, "stored value rejected: " + e.getMessage(), e);
    }
  }

  private static String abbreviated(JsonElement element) {
    String text = element.toString();
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }

  public static Optional<JsonElement> field(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value);
  }

  public static String string(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        throw wrongType(where, key, "a string", v);
      }
      return v.getAsString();
    }).orElse("");
  }

  public static long integer(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
        throw wrongType(where, key, "a number", v);
      }
      try {
        return v.getAsBigDecimal().longValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        throw wrongType(where, key, "an integer", v);
      }
    }).orElse(0L);
  }

  public static double number(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
        throw wrongType(where, key, "a number", v);
      }
      return v.getAsDouble();
    }).orElse(0.0);
  }

  public static boolean bool(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
        throw wrongType(where, key, "a boolean", v);
      }
      return v.getAsBoolean();
    }).orElse(false);
  }

  public static Optional<JsonObject> object(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonObject()) {
        throw wrongType(where, key, "an object", v);
      }
      return v.getAsJsonObject();
    });
  }

  public static List<JsonElement> array(JsonObject object, String key, String where) {
    return field(object, key).map(v -> {
      if (!v.isJsonArray()) {
        throw wrongType(where, key, "an array", v);
      }
      List<JsonElement> items = new ArrayList<>();
      v.getAsJsonArray().forEach(items::add);
      return items;
    }).orElse(List.of());
  }

  public static List<String> strings(JsonObject object, String key, String where) {
    List<String> out = new ArrayList<>();
    for (JsonElement item : array(object, key, where)) {
      if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
        throw wrongType(where, key, "an array of strings", item);
      }
      out.add(item.getAsString());
    }
    return out;
  }

  public static CorruptCheckpointException wrongType(
      String where, String key, String expected, JsonElement found) {
    return new CorruptCheckpointException(where,
        "key \"" + key + "\" should be " + expected + ", found " + found, null);
  }
}
