package io.github.agentledger.segment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the conversation history the model sees: a message, a tool call, a tool result or a
 * reasoning block. A stable mirror of an engine's items: engine-side ids and status are not kept.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface HistoryItem {
  /**
   * A message.
   *
   * @param role who wrote it
   * @param content its parts, in order
   */
  record Message(Role role, List<ContentPart> content) implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param role who wrote it
     * @param content its parts, in order
     */
    public Message {
      Objects.requireNonNull(role, "role");
      content = List.copyOf(content);
    }

    /**
     * Creates a message with one text part.
     *
     * @param role who wrote it
     * @param text the text
     * @return the message
     */
    public static Message text(Role role, String text) {
      return new Message(role, List.of(new ContentPart.Text(text)));
    }
  }

  /**
   * A tool call by the model.
   *
   * @param callId the call id that links the result
   * @param name the tool name
   * @param arguments the arguments exactly as the model produced them, a JSON text that is kept as
   *     a string and not validated (a model may produce invalid JSON, which must still be logged)
   */
  record ToolCall(String callId, String name, String arguments) implements HistoryItem {
    /**
     * Validates the components.
     *
     * @param callId the call id that links the result
     * @param name the tool name
     * @param arguments the arguments exactly as the model produced them, a JSON text that is kept
     *     as a string and not validated (a model may produce invalid JSON, which must still be
     *     logged)
     */
    public ToolCall {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * The result of a tool call.
   *
   * @param callId the call id of the tool call
   * @param summary the short result the model sees
   * @param content the full output, if any
   * @param attachments images attached to the result
   * @param isError whether the tool failed
   */
  record ToolResult(
      String callId,
      String summary,
      Optional<String> content,
      List<ImageAttachment> attachments,
      boolean isError)
      implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param callId the call id of the tool call
     * @param summary the short result the model sees
     * @param content the full output, if any
     * @param attachments images attached to the result
     * @param isError whether the tool failed
     */
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(content, "content");
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * A reasoning block of the model.
   *
   * @param text the reasoning text
   * @param summary summary lines, possibly empty
   * @param encryptedContent the provider's opaque encrypted reasoning, kept for stateless re-send
   * @param signature the provider's signature, kept for thinking round-trips
   */
  record Reasoning(
      String text,
      List<String> summary,
      Optional<String> encryptedContent,
      Optional<String> signature)
      implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param text the reasoning text
     * @param summary summary lines, possibly empty
     * @param encryptedContent the provider's opaque encrypted reasoning, kept for stateless re-send
     * @param signature the provider's signature, kept for thinking round-trips
     */
    public Reasoning {
      Objects.requireNonNull(text, "text");
      summary = List.copyOf(summary);
      Objects.requireNonNull(encryptedContent, "encryptedContent");
      Objects.requireNonNull(signature, "signature");
    }
  }
}
