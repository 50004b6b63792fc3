/**
 * Lineage and retention of segment logs, over any {@link
 * io.github.agentledger.segment.SegmentStore}.
 *
 * <p>{@link io.github.agentledger.segment.lineage.SegmentLineage} is the entry point for creating,
 * forking (to a new session or at a turn), compacting and auto-forking conversations ({@link
 * io.github.agentledger.segment.lineage.SegmentLineage#ensureHeadOrFork}) and for the lineage
 * queries; it answers with a {@link io.github.agentledger.segment.lineage.SegmentHead}. {@link
 * io.github.agentledger.segment.lineage.SegmentRetention} lists, deletes and prunes sessions and
 * reports what it did in a {@link io.github.agentledger.segment.lineage.RetentionReport}. Both
 * use only the store interface, so every store gets the same semantics.
 */
@NullMarked
package io.github.agentledger.segment.lineage;

import org.jspecify.annotations.NullMarked;
