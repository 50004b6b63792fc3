/**
 * Segment logs: the live conversation of an agent as append-only segments of entries, replayable
 * into the exact state the model saw.
 *
 * <p>The entry point is {@code SegmentStore}; the JSONL file implementation lives in
 * {@code io.github.agentledger.segment.jsonl}. Every failure is a subclass of
 * {@link io.github.agentledger.segment.SegmentLogException}.
 */
package io.github.agentledger.segment;
