package io.github.agentledger.segment;

import java.util.Objects;

/**
 * A typed piece of user input. Replay flattens the pieces of one input into the text of one user
 * message (see {@link #flatText()}).
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface UserSegment {
  /** {@return the text this piece contributes to the flattened user message} */
  String flatText();

  /**
   * Typed text.
   *
   * @param content the text
   */
  record Text(String content) implements UserSegment {
    /**
     * Validates the component.
     *
     * @param content the text
     */
    public Text {
      Objects.requireNonNull(content, "content");
    }

    @Override
    public String flatText() {
      return content;
    }
  }

  /**
   * Pasted text, shown to the user as a chip.
   *
   * @param id the paste number within the input
   * @param chars the number of characters pasted
   * @param lines the number of lines pasted
   * @param content the pasted text, stored inline
   */
  record Paste(long id, long chars, long lines, String content) implements UserSegment {
    /**
     * Validates the components.
     *
     * @param id the paste number within the input
     * @param chars the number of characters pasted
     * @param lines the number of lines pasted
     * @param content the pasted text, stored inline
     */
    public Paste {
      Objects.requireNonNull(content, "content");
      if (id < 0 || chars < 0 || lines < 0) {
        throw new IllegalArgumentException("negative paste id, chars or lines");
      }
    }

    @Override
    public String flatText() {
      return content;
    }
  }

  /**
   * A reference to a file; its body arrives separately as a system item.
   *
   * @param path the path as the user typed it
   */
  record FileRef(String path) implements UserSegment {
    /**
     * Validates the component.
     *
     * @param path the path as the user typed it
     */
    public FileRef {
      Objects.requireNonNull(path, "path");
    }

    /** {@return {@code "@"} followed by the path} */
    @Override
    public String flatText() {
      return "@" + path;
    }
  }

  /**
   * A flow selector.
   *
   * @param selector the selector
   */
  record Flow(String selector) implements UserSegment {
    /**
     * Validates the component.
     *
     * @param selector the selector
     */
    public Flow {
      Objects.requireNonNull(selector, "selector");
    }

    /** {@return {@code "[Flow: selector]"}} */
    @Override
    public String flatText() {
      return "[Flow: " + selector + "]";
    }
  }

  /**
   * An image, audio clip or file given with the input; it becomes a content part of the user
   * message on replay (see {@link LogEntry.UserInput#toMessage()}).
   *
   * @param part the media, an {@link ContentPart.Image}, {@link ContentPart.Audio} or {@link
   *     ContentPart.File}
   */
  record Media(ContentPart part) implements UserSegment {
    /**
     * Validates the component.
     *
     * @param part the media
     * @throws IllegalArgumentException if {@code part} is not an image, audio clip or file
     */
    public Media {
      Objects.requireNonNull(part, "part");
      if (!(part instanceof ContentPart.Image
          || part instanceof ContentPart.Audio
          || part instanceof ContentPart.File)) {
        throw new IllegalArgumentException("not a media content part: " + part);
      }
    }

    /** {@return the empty string: media contributes no text} */
    @Override
    public String flatText() {
      return "";
    }
  }

  /**
   * A piece of a kind this version does not know, kept whole so that it is written back unchanged
   * (the reference kept only {@code {"kind":"unknown"}}).
   *
   * @param kind the piece's {@code kind}
   * @param json the whole piece as a JSON object, its {@code kind} member included
   */
  record Unknown(String kind, JsonText json) implements UserSegment {
    /**
     * Validates the components.
     *
     * @param kind the piece's {@code kind}
     * @param json the whole piece as a JSON object, its {@code kind} member included
     */
    public Unknown {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(json, "json");
      if (!json.isObject()) {
        throw new IllegalArgumentException("unknown user segment is not a JSON object: " + json);
      }
    }

    /** {@return the empty string: an unknown piece contributes nothing} */
    @Override
    public String flatText() {
      return "";
    }
  }
}
