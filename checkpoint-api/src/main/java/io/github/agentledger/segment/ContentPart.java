package io.github.agentledger.segment;

import java.util.Objects;
import java.util.Optional;

/**
 * A part of a message's content: text, a refusal, an image, audio or a file; a part of a kind
 * this version does not know is kept whole ({@link Unknown}) and written back unchanged.
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

  /**
   * An image.
   *
   * @param source its bytes, inline or by URI
   */
  record Image(MediaSource source) implements ContentPart {
    /**
     * Validates the component.
     *
     * @param source its bytes, inline or by URI
     */
    public Image {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * An audio clip.
   *
   * @param source its bytes, inline or by URI
   */
  record Audio(MediaSource source) implements ContentPart {
    /**
     * Validates the component.
     *
     * @param source its bytes, inline or by URI
     */
    public Audio {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * A file (a PDF, a spreadsheet, ...).
   *
   * @param source its bytes, inline or by URI
   * @param filename its name, if known
   */
  record File(MediaSource source, Optional<String> filename) implements ContentPart {
    /**
     * Validates the components.
     *
     * @param source its bytes, inline or by URI
     * @param filename its name, if known
     */
    public File {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(filename, "filename");
    }
  }

  /**
   * A part of a kind this version does not know, kept exactly as it was read so that it is written
   * back byte for byte.
   *
   * @param kind the part's {@code kind}
   * @param json the whole part as a JSON object, its {@code kind} member included, exactly as
   *     stored
   */
  record Unknown(String kind, JsonText json) implements ContentPart {
    /**
     * Validates the components.
     *
     * @param kind the part's {@code kind}
     * @param json the whole part as a JSON object
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public Unknown {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(json, "json");
      if (!json.isObject()) {
        throw new IllegalArgumentException("unknown content part is not a JSON object: " + json);
      }
    }
  }
}
