package io.github.agentledger.segment;

import java.util.Objects;

/**
 * A part of a message's content.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface ContentPart {
  /**
   * Plain text.
   *
   * @param text the text
   */
  record Text(String text) implements ContentPart {
    /**
     * Validates the component.
     *
     * @param text the text
     */
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A refusal by the model.
   *
   * @param refusal the refusal text
   */
  record Refusal(String refusal) implements ContentPart {
    /**
     * Validates the component.
     *
     * @param refusal the refusal text
     */
    public Refusal {
      Objects.requireNonNull(refusal, "refusal");
    }
  }
}
