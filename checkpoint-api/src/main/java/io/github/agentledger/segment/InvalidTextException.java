package io.github.agentledger.segment;

/**
 * Thrown when an entry to be written holds a string that is not valid Unicode (a lone surrogate),
 * which UTF-8 cannot carry; nothing was written. Names the entry kind and the field.
 */
public final class InvalidTextException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The kind of the entry. */
  private final String entryKind;
  /** The JSON path of the field inside the entry, for example {@code item.content[0].text}. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param entryKind the kind of the entry
   * @param field the JSON path of the field inside the entry
   */
  public InvalidTextException(String entryKind, String field) {
    super(
        entryKind
            + " entry: field '"
            + field
            + "' is not valid Unicode (it holds a lone surrogate, which UTF-8 cannot carry)",
        null);
    this.entryKind = entryKind;
    this.field = field;
  }

  /** {@return the kind of the entry} */
  public String entryKind() {
    return entryKind;
  }

  /** {@return the JSON path of the field inside the entry, for example {@code item.text}} */
  public String field() {
    return field;
  }
}
