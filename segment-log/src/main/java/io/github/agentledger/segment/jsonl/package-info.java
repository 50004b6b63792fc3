/**
 * Segment logs stored as JSONL files: {@code <root>/<session-id>/<segment-id>.jsonl}, one entry a
 * line, a line committed once its newline is on disk.
 */
package io.github.agentledger.segment.jsonl;
