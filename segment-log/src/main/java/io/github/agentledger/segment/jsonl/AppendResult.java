package io.github.agentledger.segment.jsonl;

/**
 * What an acknowledged append left behind.
 *
 * @param entryCount the committed entries (non-blank lines) after the append
 * @param endOffset the committed length of the file after the append, where its last line ends
 */
record AppendResult(long entryCount, long endOffset) {}
