package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Forcing appended lines to stable storage failed; the appends it covered are NOT acknowledged.
 *
 * <p>Their bytes may or may not be on disk (and may or may not be visible to readers). The writer
 * that raised this is unusable afterwards ({@link WriterUnusableException}): after a failed
 * {@code fsync} the page cache can no longer be trusted, so the writer must be closed and the
 * segment reopened, which recounts what is really there.
 */
final class ForceFailedException extends SegmentFileException {
  private static final long serialVersionUID = 1L;

  ForceFailedException(Path segment, IOException cause) {
    super(segment, "segment " + segment + ": forcing appended lines to disk failed; "
        + "they are not acknowledged", cause);
  }
}
