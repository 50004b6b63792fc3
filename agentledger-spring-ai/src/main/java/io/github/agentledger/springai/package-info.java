/**
 * agentledger as Spring AI's conversation store: {@link
 * io.github.agentledger.springai.SegmentChatMemoryRepository} is a {@code ChatMemoryRepository}
 * that appends each new message to a segment log and moves the visible window as the chat memory
 * evicts, so the whole history stays in the log.
 */
@NullMarked
package io.github.agentledger.springai;

import org.jspecify.annotations.NullMarked;
