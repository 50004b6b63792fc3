package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import io.github.agentledger.segment.SegmentLimitExceededException.Limit;
import java.io.IOException;

/**
 * Reads one JSON value into a gson tree, rejecting duplicate member names (gson's own tree reader
 * lets the last one win silently) and keeping every number exactly as written.
 *
 * <p>Enforces {@link LineLimits}' nesting depth and value count while it reads, with {@link
 * JsonLimitException}: a line of millions of tiny values stops at the limit, before its tree (about
 * 100 bytes of heap per value) grows further. Stateless; each call counts on its own.
 */
final class StrictJsonTree {
  private StrictJsonTree() {}

  /** Reads one value with the default limits. */
  static JsonElement read(JsonReader reader) throws IOException {
    return read(reader, LineLimits.DEFAULTS);
  }

  /** Reads one value, enforcing {@code limits}' depth and value count. */
  static JsonElement read(JsonReader reader, LineLimits limits) throws IOException {
    return read(reader, new Budget(limits), 0);
  }

  private static JsonElement read(JsonReader reader, Budget budget, int depth)
      throws IOException {
    budget.take();
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        budget.enter(depth + 1);
        JsonObject object = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.has(name)) {
            throw new MalformedEntryException(
                "is not valid JSON: duplicate field '" + name + "' at " + reader.getPath());
          }
          object.add(name, read(reader, budget, depth + 1));
        }
        reader.endObject();
        return object;
      case BEGIN_ARRAY:
        budget.enter(depth + 1);
        JsonArray array = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader, budget, depth + 1));
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

  /** What one line may still hold. */
  private static final class Budget {
    private final int maxDepth;
    private final int maxValues;
    private int values;

    Budget(LineLimits limits) {
      this.maxDepth = limits.maxNestingDepth();
      this.maxValues = limits.maxJsonValues();
    }

    void take() {
      if (++values > maxValues) {
        throw new JsonLimitException(Limit.JSON_VALUES, maxValues, values);
      }
    }

    void enter(int depth) {
      if (depth > maxDepth) {
        throw new JsonLimitException(Limit.NESTING_DEPTH, maxDepth, depth);
      }
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
