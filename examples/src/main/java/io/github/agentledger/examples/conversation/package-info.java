/**
 * A chat memory kept with {@link io.github.agentledger.segment.Conversation}: opened by the
 * framework's own key, turns counted by the library, a visible window moved over the full
 * history, reopened after the process ends, and the transcript handed to a checkpoint.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.conversation.ChatMemory#run}; on the
 * command line, {@code java -jar agentledger-examples.jar conversation}.
 */
@NullMarked
package io.github.agentledger.examples.conversation;

import org.jspecify.annotations.NullMarked;
