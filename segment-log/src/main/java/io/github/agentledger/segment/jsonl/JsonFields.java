package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.agentledger.segment.JsonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, strict reads of members of a decoded JSON object: a missing required member or a member of
 * the wrong type is a {@link MalformedEntryException} naming the member.
 */
final class JsonFields {
  private final JsonObject object;
  private final String where;

  JsonFields(JsonObject object, String where) {
    this.object = object;
    this.where = where;
  }

  static JsonFields of(JsonElement element, String where) {
    if (element == null || !element.isJsonObject()) {
      throw new MalformedEntryException(where + " must be a JSON object, found " + element);
    }
    return new JsonFields(element.getAsJsonObject(), where);
  }

  JsonObject object() {
    return object;
  }

  String where() {
    return where;
  }

  /** The member, or empty when it is absent or {@code null}. */
  Optional<JsonElement> optional(String name) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? Optional.empty() : Optional.of(value);
  }

  JsonElement required(String name) {
    return optional(name)
        .orElseThrow(
            () -> new MalformedEntryException(where + ": missing required field '" + name + "'"));
  }

  String string(String name) {
    return asString(name, required(name));
  }

  Optional<String> optionalString(String name) {
    return optional(name).map(value -> asString(name, value));
  }

  long integer(String name) {
    return asLong(name, required(name));
  }

  Optional<Long> optionalInteger(String name) {
    return optional(name).map(value -> asLong(name, value));
  }

  Optional<Double> optionalNumber(String name) {
    return optional(name).map(value -> asDouble(name, value));
  }

  boolean bool(String name) {
    JsonElement value = required(name);
    if (value instanceof JsonPrimitive p && p.isBoolean()) {
      return p.getAsBoolean();
    }
    throw wrongType(name, "a boolean", value);
  }

  /** An optional boolean; absent or {@code null} is {@code false}. */
  boolean flag(String name) {
    return optional(name).isPresent() && bool(name);
  }

  JsonArray array(String name) {
    JsonElement value = required(name);
    if (!value.isJsonArray()) {
      throw wrongType(name, "an array", value);
    }
    return value.getAsJsonArray();
  }

  /** An optional array, mapped element by element; absent or {@code null} is empty. */
  <T> List<T> list(String name, Function<JsonElement, T> element) {
    if (optional(name).isEmpty()) {
      return List.of();
    }
    List<T> values = new ArrayList<>();
    for (JsonElement value : array(name)) {
      values.add(element.apply(value));
    }
    return values;
  }

  List<String> strings(String name) {
    return list(name, value -> asString(name + "[]", value));
  }

  JsonText opaque(String name) {
    return EntryCodec.toJsonText(required(name));
  }

  String asString(String name, JsonElement value) {
    if (value instanceof JsonPrimitive p && p.isString()) {
      return requireUnicode(name, p.getAsString());
    }
    throw wrongType(name, "a string", value);
  }

  /**
   * Rejects a string that is not valid Unicode: an escaped surrogate with no partner (backslash,
   * then {@code ud800}) decodes to a lone surrogate, which no entry may hold (it could never be
   * written again).
   */
  String requireUnicode(String name, String value) {
    int lone = EntryCodec.loneSurrogateAt(value);
    if (lone >= 0) {
      throw new MalformedEntryException(
          where + ": field '" + name + "' is not valid Unicode (a lone surrogate at char " + lone
              + ")");
    }
    return value;
  }

  long asLong(String name, JsonElement value) {
    if (value instanceof JsonPrimitive p && p.isNumber()) {
      try {
        return Long.parseLong(p.getAsString());
      } catch (NumberFormatException e) {
        throw wrongType(name, "an integer", value);
      }
    }
    throw wrongType(name, "an integer", value);
  }

  double asDouble(String name, JsonElement value) {
    if (value instanceof JsonPrimitive p && p.isNumber()) {
      double number = Double.parseDouble(p.getAsString());
      if (Double.isFinite(number)) {
        return number;
      }
    }
    throw wrongType(name, "a finite number", value);
  }

  private MalformedEntryException wrongType(String name, String expected, JsonElement value) {
    return new MalformedEntryException(
        where + ": field '" + name + "' must be " + expected + ", found " + value);
  }
}
