package io.github.agentledger.segment;

/**
 * Thrown when a path of the store is not what the store lays out, so that using it could block,
 * or read or write outside the store: a segment that is not a regular file (a FIFO, a device, a
 * directory), or a segment, trace or session directory that is a symbolic link. Nothing is read
 * or written through it.
 */
public final class SegmentPathException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The offending path. */
  private final String path;
  /** What was found there. */
  private final String found;

  /**
   * Creates the exception.
   *
   * @param path the offending path
   * @param found what is there instead, for example {@code "a FIFO"}
   */
  public SegmentPathException(String path, String found) {
    super(path + " is " + found + ", not what the segment store lays out there; "
        + "it is neither read nor written", null);
    this.path = path;
    this.found = found;
  }

  /** {@return the offending path} */
  public String path() {
    return path;
  }

  /** {@return what was found at the path} */
  public String found() {
    return found;
  }
}
