/**
 * Spring Boot auto-configuration of the agentledger chat memory repository: {@link
 * io.github.agentledger.springai.autoconfigure.AgentledgerChatMemoryAutoConfiguration}, set by
 * {@link io.github.agentledger.springai.autoconfigure.AgentledgerSegmentsProperties}.
 */
@NullMarked
package io.github.agentledger.springai.autoconfigure;

import org.jspecify.annotations.NullMarked;
