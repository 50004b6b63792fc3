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
 * replays them. Lineage (fork, compaction, auto-fork) and retention live in {@link
 * io.github.agentledger.segment.lineage}. Frameworks use {@link
 * io.github.agentledger.segment.Conversation}: a conversation opened by the framework's own {@link
 * io.github.agentledger.segment.ConversationKey}, with turn bookkeeping and a visible window over
 * the full history. Opaque JSON is carried as validated {@link
 * io.github.agentledger.segment.JsonText}. Every failure is a subclass of {@link
 * io.github.agentledger.segment.SegmentLogException}.
 */
@NullMarked
package io.github.agentledger.segment;

import org.jspecify.annotations.NullMarked;
