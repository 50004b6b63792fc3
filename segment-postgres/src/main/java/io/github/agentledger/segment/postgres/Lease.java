package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SessionId;
import java.util.UUID;

/**
 * A writer's lease on a segment: the holder (one per store instance) and the fencing token that
 * the acquisition set. Every write of the writer names both, so a writer whose lease was taken
 * over can no longer write, whatever it believes.
 */
record Lease(SessionId sessionId, SegmentId segmentId, UUID holder, long token) {}
