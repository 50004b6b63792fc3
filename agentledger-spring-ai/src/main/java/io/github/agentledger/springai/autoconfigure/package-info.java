/**
 * Spring Boot auto-configuration of the agentledger chat memory repository: {@link
 * io.github.agentledger.springai.autoconfigure.AgentledgerChatMemoryAutoConfiguration}, set by
 * {@link io.github.agentledger.springai.autoconfigure.AgentledgerSegmentsProperties}.
 */
package io.github.agentledger.springai.autoconfigure;
