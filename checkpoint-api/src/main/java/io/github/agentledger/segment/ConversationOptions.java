package io.github.agentledger.segment;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Conversation} is opened: the clock and id generator it uses, and the system prompt
 * and configuration a conversation created on first use starts with (an existing conversation
 * keeps its own).
 *
 * <p>Immutable and thread-safe.
 *
 * @param clock gives the {@code ts} of every entry written
 * @param ids mints the sessions and segments created
 * @param systemPrompt the system prompt of a new conversation, if any
 * @param config the request configuration of a new conversation
 */
public record ConversationOptions(
    Clock clock, IdGenerator ids, Optional<String> systemPrompt, RequestConfig config) {
  /**
   * Validates the components.
   *
   * @param clock gives the {@code ts} of every entry written
   * @param ids mints the sessions and segments created
   * @param systemPrompt the system prompt of a new conversation, if any
   * @param config the request configuration of a new conversation
   */
  public ConversationOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    Objects.requireNonNull(config, "config");
  }

  /**
   * {@return the system UTC clock, {@link IdGenerator#system()}, no system prompt and {@link
   * RequestConfig#defaults()}}
   */
  public static ConversationOptions defaults() {
    return new ConversationOptions(
        Clock.systemUTC(), IdGenerator.system(), Optional.empty(), RequestConfig.defaults());
  }

  /**
   * {@return these options with another clock and id generator}
   *
   * @param newClock the clock
   * @param newIds the id generator
   */
  public ConversationOptions withTime(Clock newClock, IdGenerator newIds) {
    return new ConversationOptions(newClock, newIds, systemPrompt, config);
  }

  /**
   * {@return these options with the system prompt of a new conversation}
   *
   * @param prompt the system prompt
   */
  public ConversationOptions withSystemPrompt(String prompt) {
    return new ConversationOptions(clock, ids, Optional.of(prompt), config);
  }
}
