/**
 * The quickstart: a conversation recorded as a segment log, a code commit with its {@code
 * Entire-Checkpoint:} trailer, the checkpoint written with the segment's JSONL as transcript, and
 * everything read back.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.quickstart.Quickstart#run}; on the command
 * line, {@code java -jar agentledger-examples.jar quickstart}.
 */
@NullMarked
package io.github.agentledger.examples.quickstart;

import org.jspecify.annotations.NullMarked;
