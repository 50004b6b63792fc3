package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** The segment file does not exist (appending never creates a segment). */
final class SegmentMissingException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  SegmentMissingException(Path segment, Throwable cause) {
    super(segment, "segment " + segment + " does not exist", cause);
  }
}
