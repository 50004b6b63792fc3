package io.github.agentledger.segment;

/**
 * Validated JSON text, carried opaquely: request config of a framework, extension payloads,
 * user-input segments and system items of kinds this version does not know.
 *
 * <p>The text is checked against RFC 8259 (strictly: no comments, no trailing commas, no single
 * quotes, no duplicate member names, no raw control characters in strings, no lone surrogates,
 * nesting at most {@value #MAX_DEPTH} deep) and kept in compact form: whitespace between tokens is
 * removed, everything else (the order of members, the spelling of numbers and strings) is kept as
 * given. Two values are equal when their compact texts are equal. Immutable and thread-safe.
 *
 * @param text the compact JSON text
 */
public record JsonText(String text) {
  /** The deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 128;

  /**
   * Validates and compacts the text.
   *
   * @param text the compact JSON text
   * @throws InvalidJsonException if the text is not valid JSON
   */
  public JsonText {
    text = JsonValidator.compact(text);
  }

  /**
   * Validates JSON text; whitespace between tokens is dropped.
   *
   * @param text the JSON text
   * @return the value
   * @throws InvalidJsonException if the text is not valid JSON
   */
  public static JsonText of(String text) {
    return new JsonText(text);
  }

  /**
   * Validates JSON text that must be an object.
   *
   * @param text the JSON text
   * @return the value
   * @throws InvalidJsonException if the text is not a valid JSON object
   */
  public static JsonText ofObject(String text) {
    JsonText json = new JsonText(text);
    if (!json.isObject()) {
      throw new InvalidJsonException(0, "expected a JSON object, found " + json.text);
    }
    return json;
  }

  /** {@return {@code true} when the value is a JSON object} */
  public boolean isObject() {
    return text.charAt(0) == '{';
  }

  /** {@return the compact JSON text} */
  @Override
  public String toString() {
    return text;
  }
}
