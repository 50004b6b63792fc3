package io.github.agentledger.springai;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import io.github.agentledger.springai.autoconfigure.AgentledgerChatMemoryAutoConfiguration;
import io.github.agentledger.springai.autoconfigure.AgentledgerSegmentsProperties;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.memory.ChatMemoryRepository;
import org.springframework.ai.chat.memory.InMemoryChatMemoryRepository;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AutoConfigurationTest {
  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(AgentledgerChatMemoryAutoConfiguration.class));

  @Test
  void directoryPropertyGivesALogBackedRepositoryThatClosesWithTheContext() {
    runner
        .withPropertyValues(
            "agentledger.segments.directory=" + dir, "agentledger.segments.durability=FSYNC_EACH",
            "agentledger.segments.delete-mode=KEEP_HISTORY")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SegmentChatMemoryRepository.class);
              assertThat(context).hasSingleBean(SegmentStore.class);
              AgentledgerSegmentsProperties properties =
                  context.getBean(AgentledgerSegmentsProperties.class);
              assertThat(properties.durability()).isEqualTo(Durability.FSYNC_EACH);
              ChatMemoryRepository repository = context.getBean(ChatMemoryRepository.class);
              repository.saveAll("boot", List.of(new UserMessage("hello")));
              repository.deleteByConversationId("boot");
              assertThat(repository.findByConversationId("boot")).isEmpty();
            });
    // The context closed the repository: its writer lock is free, and KEEP_HISTORY kept the message.
    try (Conversation log =
        Conversation.open(JsonlSegmentStore.open(dir, Durability.NONE), ConversationKey.of("boot"))) {
      assertThat(log.history()).hasSize(1);
      assertThat(log.visibleMessages()).isEmpty();
    }
  }

  @Test
  void withoutADirectoryNothingIsConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(ChatMemoryRepository.class));
  }

  @Test
  void anApplicationRepositoryWins() {
    runner
        .withPropertyValues("agentledger.segments.directory=" + dir)
        .withBean(ChatMemoryRepository.class, InMemoryChatMemoryRepository::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ChatMemoryRepository.class);
              assertThat(context).doesNotHaveBean(SegmentChatMemoryRepository.class);
            });
  }
}
