package io.github.agentledger.springai.autoconfigure;

import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.springai.SegmentChatMemoryRepository;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration: when {@code agentledger.segments.directory} is set, a {@link
 * JsonlSegmentStore} there (with {@code agentledger.segments.durability}) and a {@link
 * SegmentChatMemoryRepository} over it become the application's {@link SegmentStore} and {@link
 * ChatMemoryRepository}, unless the application defines its own. It runs before Spring AI's chat
 * memory auto-configuration, so Spring AI's {@code ChatMemory} uses the log instead of its
 * in-memory repository.
 *
 * <p>Thread-safe: the beans are.
 */
@AutoConfiguration(
    beforeName = "org.springframework.ai.model.chat.memory.autoconfigure.ChatMemoryAutoConfiguration")
@ConditionalOnClass(ChatMemoryRepository.class)
@ConditionalOnProperty(prefix = "agentledger.segments", name = "directory")
@EnableConfigurationProperties(AgentledgerSegmentsProperties.class)
public class AgentledgerChatMemoryAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public AgentledgerChatMemoryAutoConfiguration() {}

  /**
   * {@return the segment store at the configured directory}
   *
   * @param properties the {@code agentledger.segments.*} properties
   */
  @Bean
  @ConditionalOnMissingBean(SegmentStore.class)
  public JsonlSegmentStore agentledgerSegmentStore(AgentledgerSegmentsProperties properties) {
    return JsonlSegmentStore.open(properties.directory(), properties.durability());
  }

  /**
   * {@return the chat memory repository over the segment store; closed with the context}
   *
   * @param store the segment store
   * @param properties the {@code agentledger.segments.*} properties
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(ChatMemoryRepository.class)
  public SegmentChatMemoryRepository agentledgerChatMemoryRepository(
      SegmentStore store, AgentledgerSegmentsProperties properties) {
    return SegmentChatMemoryRepository.over(
        store, ConversationOptions.defaults(), properties.deleteMode());
  }
}
