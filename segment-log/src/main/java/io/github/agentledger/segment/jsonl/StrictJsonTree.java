package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import java.io.IOException;

/**
 * Reads one JSON value into a gson tree, rejecting duplicate member names (gson's own tree reader
 * lets the last one win silently) and keeping every number exactly as written.
 */
final class StrictJsonTree {
  private StrictJsonTree() {}

  static JsonElement read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw new MalformedEntryException(
                "is not valid JSON: duplicate field '" + name + "' at " + reader.getPath());
          }
          object.add(name, read(reader));
        }
        reader.endObject();
        return object;
      case BEGIN_ARRAY:
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        return array;
      case STRING:
        return new JsonPrimitive(reader.nextString());
      case NUMBER:
        return new JsonPrimitive(new NumberLiteral(reader.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(reader.nextBoolean());
      case NULL:
        reader.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new MalformedEntryException(
            "is not valid JSON: unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  /** A JSON number kept as its literal text, so that it is written back unchanged. */
  private static final class NumberLiteral extends Number {
    private static final long serialVersionUID = 1L;

    private final String literal;

    NumberLiteral(String literal) {
      this.literal = literal;
    }

    @Override
    public int intValue() {
      return (int) doubleValue();
    }

    @Override
    public long longValue() {
      return (long) doubleValue();
    }

    @Override
    public float floatValue() {
      return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
      return Double.parseDouble(literal);
    }

    @Override
    public String toString() {
      return literal;
    }
  }
}
