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
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strict JSON parsing of stored files, and tolerant field access: a missing key or a JSON
 * {@code null} reads as the zero value (as Go's decoder leaves it), unknown keys are ignored, but
 * a value of the wrong type or text that is not JSON is corruption. Stateless.
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
    try (JsonReader reader =
        new JsonReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement element = TREE.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new CorruptCheckpointException(where, "unexpected data after the JSON value", null);
      }
      if (!element.isJsonObject()) {
        throw new CorruptCheckpointException(where, "expected a JSON object, found " + element,
            null);
      }
      return element.getAsJsonObject();
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw new CorruptCheckpointException(where, "not valid JSON: " + e.getMessage(), e);
    }
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
