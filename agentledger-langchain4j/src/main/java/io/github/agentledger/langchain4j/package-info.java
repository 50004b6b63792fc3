/**
 * agentledger as LangChain4j's conversation store: {@link
 * io.github.agentledger.langchain4j.SegmentChatMemoryStore} is a {@code ChatMemoryStore} that
 * appends each new message to a segment log and moves the visible window as the chat memory
 * evicts, so the whole history stays in the log.
 */
@NullMarked
package io.github.agentledger.langchain4j;

import org.jspecify.annotations.NullMarked;
