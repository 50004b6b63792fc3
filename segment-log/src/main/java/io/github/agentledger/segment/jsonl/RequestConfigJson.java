package io.github.agentledger.segment.jsonl;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.RequestConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Request config. The reference's {@code RequestConfig} is written with all six fields, unset ones
 * as {@code null}. On reading, an object is taken as {@link RequestConfig.ModelParameters} only if
 * it has exactly those fields in that order and writing it back gives the same text; any other
 * object is a framework's {@link RequestConfig.Custom} config, kept as given. So both round-trip
 * without loss.
 */
final class RequestConfigJson {
  private static final List<String> FIELDS =
      List.of("max_tokens", "temperature", "top_p", "top_k", "stop_sequences", "reasoning");

  private RequestConfigJson() {}

  static void write(JsonWriter w, RequestConfig config) throws IOException {
    if (config instanceof RequestConfig.Custom custom) {
      EntryCodec.writeJson(w, custom.json());
      return;
    }
    RequestConfig.ModelParameters p = (RequestConfig.ModelParameters) config;
    w.beginObject();
    w.name("max_tokens");
    optional(w, p.maxTokens());
    w.name("temperature");
    optional(w, p.temperature());
    w.name("top_p");
    optional(w, p.topP());
    w.name("top_k");
    optional(w, p.topK());
    w.name("stop_sequences").beginArray();
    for (String stop : p.stopSequences()) {
      w.value(stop);
    }
    w.endArray();
    w.name("reasoning");
    if (p.reasoning().isEmpty()) {
      w.nullValue();
    } else if (p.reasoning().get() instanceof RequestConfig.Reasoning.Effort effort) {
      w.value(effort.label());
    } else {
      w.value(((RequestConfig.Reasoning.Budget) p.reasoning().get()).tokens());
    }
    w.endObject();
  }

  private static void optional(JsonWriter w, OptionalLong value) throws IOException {
    if (value.isPresent()) {
      w.value(value.getAsLong());
    } else {
      w.nullValue();
    }
  }

  private static void optional(JsonWriter w, OptionalDouble value) throws IOException {
    if (value.isPresent()) {
      w.value(value.getAsDouble());
    } else {
      w.nullValue();
    }
  }

  static RequestConfig read(JsonElement element) {
    JsonFields f = JsonFields.of(element, "config");
    JsonText original = EntryCodec.toJsonText(element);
    if (!List.copyOf(f.object().keySet()).equals(FIELDS)) {
      return new RequestConfig.Custom(original);
    }
    RequestConfig.ModelParameters parameters;
    try {
      parameters =
          new RequestConfig.ModelParameters(
              toLong(f.optionalInteger("max_tokens")),
              toDouble(f.optionalNumber("temperature")),
              toDouble(f.optionalNumber("top_p")),
              toLong(f.optionalInteger("top_k")),
              f.strings("stop_sequences"),
              f.optional("reasoning").map(value -> reasoning(f, value)));
    } catch (MalformedEntryException e) {
      return new RequestConfig.Custom(original);
    }
    return text(parameters).equals(original.text())
        ? parameters
        : new RequestConfig.Custom(original);
  }

  private static RequestConfig.Reasoning reasoning(JsonFields f, JsonElement value) {
    if (value instanceof JsonPrimitive p && p.isString()) {
      return new RequestConfig.Reasoning.Effort(p.getAsString());
    }
    return new RequestConfig.Reasoning.Budget(f.asLong("reasoning", value));
  }

  private static OptionalLong toLong(Optional<Long> value) {
    return value.map(OptionalLong::of).orElse(OptionalLong.empty());
  }

  private static OptionalDouble toDouble(Optional<Double> value) {
    return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  private static String text(RequestConfig config) {
    StringWriter out = new StringWriter();
    try {
      JsonWriter w = new JsonWriter(out);
      w.setSerializeNulls(true);
      w.setHtmlSafe(false);
      write(w, config);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return out.toString();
  }
}
