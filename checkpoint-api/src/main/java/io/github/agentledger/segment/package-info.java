/**
 * Segment logs: the live conversation of an agent as append-only segments of entries, replayable
 * into the exact state the model saw.
 *
 * <p>The entry point is {@link io.github.agentledger.segment.SegmentStore} (with its one writer
 * per segment, {@link io.github.agentledger.segment.SegmentWriter}); the JSONL file implementation
 * lives in {@code io.github.agentledger.segment.jsonl}. Ids are typed and validated ({@link
 * io.github.agentledger.segment.SessionId}, {@link io.github.agentledger.segment.SegmentId},
 * minted by {@link io.github.agentledger.segment.IdGenerator}); entries are the sealed {@link
 * io.github.agentledger.segment.LogEntry}; {@link io.github.agentledger.segment.RestoredState}
 * replays them. {@link io.github.agentledger.segment.SegmentLineage} is the one service for
 * creating, forking, compacting and auto-forking conversations and for lineage queries, over any
 * store; {@link io.github.agentledger.segment.SegmentRetention} lists, deletes and prunes
 * sessions. Opaque JSON is carried as validated {@link io.github.agentledger.segment.JsonText}.
 * Every failure is a subclass of {@link io.github.agentledger.segment.SegmentLogException}.
 */
@NullMarked
package io.github.agentledger.segment;

import org.jspecify.annotations.NullMarked;
