package io.github.agentledger.segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Copies of attribute maps (name to JSON) that keep the caller's order and reject nulls. */
final class Attributes {
  private Attributes() {}

  static Map<String, JsonText> copy(Map<String, JsonText> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    if (attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, JsonText> copy = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            copy.put(Objects.requireNonNull(name, "attribute name"),
                Objects.requireNonNull(value, "attribute " + name)));
    return Collections.unmodifiableMap(copy);
  }
}
