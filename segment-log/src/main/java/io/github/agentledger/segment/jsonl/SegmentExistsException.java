package io.github.agentledger.segment.jsonl;

import java.nio.file.Path;

/** Creating a segment failed because a file of that name already exists; it was not touched. */
final class SegmentExistsException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  SegmentExistsException(Path segment) {
    super(segment, "segment " + segment + " already exists", null);
  }
}
