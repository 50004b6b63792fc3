package io.github.agentledger.checkpoint.jgit.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Edits a JSON object read from storage without disturbing what the edit does not own: a key that
 * exists keeps its position, a new key goes where the writer's struct order puts it, and every
 * other key keeps its value and position. Gson's objects keep insertion order, so an insertion
 * rebuilds the object. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class OrderedJson {
  private OrderedJson() {}

  /**
   * Sets {@code key} to {@code value}: in place when the key exists, else right after the last
   * key present that precedes it in {@code order} (first when none does).
   *
   * @param in the object, not modified
   * @param order the writer's key order, which names {@code key}
   * @return the edited copy
   */
  public static JsonObject put(JsonObject in, String key, JsonElement value, List<String> order) {
    if (in.has(key)) {
      JsonObject out = in.deepCopy();
      out.add(key, value);
      return out;
    }
    String after = "";
    int index = order.indexOf(key);
    for (int i = index - 1; i >= 0 && after.isEmpty(); i--) {
      if (in.has(order.get(i))) {
        after = order.get(i);
      }
    }
    return insertAfter(in, after, key, value);
  }

  /**
   * Inserts {@code key} right after {@code after} ({@code ""}: first).
   *
   * @param in the object, not modified
   * @return the edited copy
   */
  public static JsonObject insertAfter(JsonObject in, String after, String key,
      JsonElement value) {
    JsonObject out = new JsonObject();
    if (after.isEmpty()) {
      out.add(key, value);
    }
    for (Map.Entry<String, JsonElement> entry : in.entrySet()) {
      if (!entry.getKey().equals(key)) {
        out.add(entry.getKey(), entry.getValue());
      }
      if (entry.getKey().equals(after)) {
        out.add(key, value);
      }
    }
    return out;
  }

  /**
   * Removes {@code key}.
   *
   * @param in the object, not modified
   * @return the edited copy
   */
  public static JsonObject remove(JsonObject in, String key) {
    JsonObject out = in.deepCopy();
    out.remove(key);
    return out;
  }
}
