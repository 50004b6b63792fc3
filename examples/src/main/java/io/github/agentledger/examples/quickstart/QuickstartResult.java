package io.github.agentledger.examples.quickstart;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link Quickstart} run created, to look it up again.
 *
 * <p>Immutable and thread-safe.
 *
 * @param repository the git repository's working tree
 * @param segmentRoot the segment store's directory
 * @param sessionId the conversation's session
 * @param segmentId the conversation's segment
 * @param commit the code commit carrying the trailer
 * @param checkpointId the checkpoint the commit links to
 */
public record QuickstartResult(
    Path repository,
    Path segmentRoot,
    SessionId sessionId,
    SegmentId segmentId,
    CommitId commit,
    CheckpointId checkpointId) {

  /**
   * Rejects nulls.
   *
   * @param repository the git repository's working tree
   * @param segmentRoot the segment store's directory
   * @param sessionId the conversation's session
   * @param segmentId the conversation's segment
   * @param commit the code commit carrying the trailer
   * @param checkpointId the checkpoint the commit links to
   */
  public QuickstartResult {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(segmentRoot, "segmentRoot");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(checkpointId, "checkpointId");
  }
}
