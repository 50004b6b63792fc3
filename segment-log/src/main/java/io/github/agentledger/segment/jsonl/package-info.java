/**
 * Segment logs stored as JSONL files: {@code <root>/<session-id>/<segment-id>.jsonl}, one entry a
 * line, a line committed once its newline is in the file.
 *
 * <p>The entry point is {@link io.github.agentledger.segment.jsonl.JsonlSegmentStore}, an
 * implementation of {@link io.github.agentledger.segment.SegmentStore}, configured with a {@link
 * io.github.agentledger.segment.jsonl.Durability}. {@link
 * io.github.agentledger.segment.jsonl.JsonlLineCodec} gives other stores the same line of each
 * entry. Everything else in this package is package-private.
 */
@NullMarked
package io.github.agentledger.segment.jsonl;

import org.jspecify.annotations.NullMarked;
