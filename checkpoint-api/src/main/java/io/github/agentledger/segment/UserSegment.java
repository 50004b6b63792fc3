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
