package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/**
 * A path the file layer was to read or write is not a regular file (a FIFO, a device, a
 * directory) or is a symbolic link; it is neither opened for reading (a FIFO would block) nor
 * written through (a link could lead out of the store).
 */
final class NotRegularFileException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  private final String found;

  NotRegularFileException(Path file, String found) {
    super(file, "segment " + file + " is " + found + ", not a regular file", null);
    this.found = found;
  }

  /** {@return what is at the path, for example "a FIFO"} */
  String found() {
    return found;
  }
}
