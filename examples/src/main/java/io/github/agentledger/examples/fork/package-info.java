/**
 * Forking a conversation at a turn with {@link
 * io.github.agentledger.segment.lineage.SegmentLineage}: the source is never modified, the
 * lineage is read back, and a writer that lost its place forks instead of writing over another's
 * entries.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.fork.ForkConversation#run}; on the command
 * line, {@code java -jar agentledger-examples.jar fork}.
 */
@NullMarked
package io.github.agentledger.examples.fork;

import org.jspecify.annotations.NullMarked;
