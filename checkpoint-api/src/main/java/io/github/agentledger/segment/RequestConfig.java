package io.github.agentledger.segment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The request configuration in force: either the reference's model parameters or a framework's own
 * configuration, carried as an opaque JSON object.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface RequestConfig {
  /** {@return the configuration used when a log has set none: model parameters all unset} */
  static RequestConfig defaults() {
    return new ModelParameters(
        OptionalLong.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalLong.empty(),
        List.of(),
        Optional.empty());
  }

  /**
   * The reference's model parameters, written with every field present (unset ones as {@code
   * null}).
   *
   * @param maxTokens the output token limit
   * @param temperature the sampling temperature
   * @param topP nucleus sampling
   * @param topK top-k sampling
   * @param stopSequences stop sequences, possibly empty
   * @param reasoning the reasoning setting
   */
  record ModelParameters(
      OptionalLong maxTokens,
      OptionalDouble temperature,
      OptionalDouble topP,
      OptionalLong topK,
      List<String> stopSequences,
      Optional<Reasoning> reasoning)
      implements RequestConfig {
    /**
     * Validates and copies the components.
     *
     * @param maxTokens the output token limit
     * @param temperature the sampling temperature
     * @param topP nucleus sampling
     * @param topK top-k sampling
     * @param stopSequences stop sequences, possibly empty
     * @param reasoning the reasoning setting
     */
    public ModelParameters {
      Objects.requireNonNull(maxTokens, "maxTokens");
      Objects.requireNonNull(temperature, "temperature");
      Objects.requireNonNull(topP, "topP");
      Objects.requireNonNull(topK, "topK");
      stopSequences = List.copyOf(stopSequences);
      Objects.requireNonNull(reasoning, "reasoning");
    }
  }

  /**
   * A framework's own configuration, an opaque JSON object written back as given.
   *
   * @param json the configuration object
   */
  record Custom(JsonText json) implements RequestConfig {
    /**
     * Validates the component: it must be a JSON object.
     *
     * @param json the configuration object
     */
    public Custom {
      Objects.requireNonNull(json, "json");
      if (!json.isObject()) {
        throw new IllegalArgumentException("request config is not a JSON object: " + json);
      }
    }
  }

  /** The reasoning setting: an effort label or a token budget. */
  sealed interface Reasoning {
    /**
     * An effort label such as {@code "minimal"}, {@code "low"}, {@code "medium"}, {@code "high"},
     * {@code "xhigh"} or any other label.
     *
     * @param label the label
     */
    record Effort(String label) implements Reasoning {
      /**
       * Validates the component.
       *
       * @param label the label
       */
      public Effort {
        Objects.requireNonNull(label, "label");
      }
    }

    /**
     * A token budget; {@value #DYNAMIC} means dynamic.
     *
     * @param tokens the budget
     */
    record Budget(long tokens) implements Reasoning {
      /** The budget that asks the provider to choose. */
      public static final long DYNAMIC = -1;
    }
  }
}
