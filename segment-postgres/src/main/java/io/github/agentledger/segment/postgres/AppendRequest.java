package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SessionId;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One caller's append waiting for a group commit: its lines (already encoded), its expected entry
 * count if it is a compare-and-append, and the writer's lease if it comes from an open writer (an
 * append without a lease succeeds only while no live writer holds the segment). The committer
 * sets its outcome once; the caller reads it after {@link #isDone()}.
 */
final class AppendRequest {
  final SessionId sessionId;
  final SegmentId segmentId;
  final Optional<Lease> lease;
  final OptionalLong expected;
  final byte[][] lines;

  private boolean done;
  private long entryCount;
  private @Nullable RuntimeException failure;

  AppendRequest(SessionId sessionId, SegmentId segmentId, Optional<Lease> lease,
      OptionalLong expected, byte[][] lines) {
    this.sessionId = sessionId;
    this.segmentId = segmentId;
    this.lease = lease;
    this.expected = expected;
    this.lines = lines;
  }

  /** {@return the segment appended to} */
  SegmentRef segment() {
    return new SegmentRef(sessionId, segmentId);
  }

  /** {@return whether the outcome is set} Guarded by the committer's monitor. */
  boolean isDone() {
    return done;
  }

  void succeed(long count) {
    this.entryCount = count;
    this.done = true;
  }

  void fail(RuntimeException e) {
    this.failure = e;
    this.done = true;
  }

  /** {@return the entry count after the append} or throws its failure */
  long outcome() {
    if (failure != null) {
      // The failure was built on the committer's thread; add the caller's stack for debugging.
      failure.addSuppressed(new Exception("append of " + lines.length + " entries returned here"));
      throw failure;
    }
    return entryCount;
  }
}
