package io.github.agentledger.segment;

import java.util.Objects;

/**
 * One record of a segment's debug trace ({@code .trace.jsonl}): a JSON object, carried as
 * validated text. The reference writes {@code {"ts":…,"turn":…,"llm_call":…,"kind":…}} with a
 * {@code stream_event} or {@code lifecycle} payload; any object is accepted and kept as given
 * (compacted). Traces are never replayed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param json the record, a JSON object on one line
 */
public record TraceRecord(JsonText json) {
  /**
   * Validates the component.
   *
   * @param json the record, a JSON object on one line
   * @throws InvalidJsonException if {@code json} is not an object
   */
  public TraceRecord {
    Objects.requireNonNull(json, "json");
    if (!json.isObject()) {
      throw new InvalidJsonException(0, "a trace record must be a JSON object, found " + json);
    }
  }

  /**
   * Validates JSON text as a trace record.
   *
   * @param json the text of a JSON object
   * @return the record
   * @throws InvalidJsonException if the text is not a valid JSON object
   */
  public static TraceRecord of(String json) {
    return new TraceRecord(JsonText.of(json));
  }
}
