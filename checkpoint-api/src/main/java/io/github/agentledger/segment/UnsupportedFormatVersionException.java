package io.github.agentledger.segment;

import java.util.List;

/**
 * Thrown when a segment declares a format version this library cannot read; the message names the
 * versions it supports.
 */
public final class UnsupportedFormatVersionException extends SegmentLogException {
  private static final long serialVersionUID = 1L;

  /** The version found, as written. */
  private final String found;
  /** The versions this library reads. */
  private final List<Integer> supported;

  /**
   * Creates the exception.
   *
   * @param found the version found, as written
   * @param supported the versions this library reads
   */
  public UnsupportedFormatVersionException(String found, List<Integer> supported) {
    super("unsupported segment format version " + found + "; supported: " + supported, null);
    this.found = found;
    this.supported = List.copyOf(supported);
  }

  /** {@return the version found, as written} */
  public String found() {
    return found;
  }

  /** {@return the versions this library reads} */
  public List<Integer> supported() {
    return supported;
  }
}
