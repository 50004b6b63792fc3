package io.github.agentledger.segment;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of the conversation history the model sees: a message, a tool call, a tool result or a
 * reasoning block. A stable mirror of an engine's items: engine-side status is not kept; a message
 * may keep the id a framework gave it, and every item may carry attributes (name to JSON) that the
 * log keeps and replays unchanged. Each item is its own entry, so two consecutive messages of one
 * role stay two messages after replay.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface HistoryItem {
  /** {@return the item's attributes, name to JSON, in the order given; empty when none} */
  Map<String, JsonText> attributes();

  /**
   * A message.
   *
   * @param role who wrote it
   * @param content its parts, in order
   * @param id the id a framework gave it, if any
   * @param attributes attributes kept with it, possibly empty
   */
  record Message(
      Role role,
      List<ContentPart> content,
      Optional<MessageId> id,
      Map<String, JsonText> attributes)
      implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param role who wrote it
     * @param content its parts, in order
     * @param id the id a framework gave it, if any
     * @param attributes attributes kept with it, possibly empty
     */
    public Message {
      Objects.requireNonNull(role, "role");
      content = List.copyOf(content);
      Objects.requireNonNull(id, "id");
      attributes = Attributes.copy(attributes);
    }

    /**
     * Creates a message with no id and no attributes.
     *
     * @param role who wrote it
     * @param content its parts, in order
     */
    public Message(Role role, List<ContentPart> content) {
      this(role, content, Optional.empty(), Map.of());
    }

    /**
     * {@return this message with the given id}
     *
     * @param messageId the id
     */
    public Message withId(MessageId messageId) {
      return new Message(role, content, Optional.of(messageId), attributes);
    }

    /**
     * {@return this message with the given attributes in place of its own}
     *
     * @param newAttributes the attributes
     */
    public Message withAttributes(Map<String, JsonText> newAttributes) {
      return new Message(role, content, id, newAttributes);
    }

    /** {@return the text of its text parts, concatenated} */
    public String text() {
      StringBuilder text = new StringBuilder();
      for (ContentPart part : content) {
        if (part instanceof ContentPart.Text t) {
          text.append(t.text());
        }
      }
      return text.toString();
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
   * @param attributes attributes kept with it, possibly empty
   */
  record ToolCall(String callId, String name, String arguments, Map<String, JsonText> attributes)
      implements HistoryItem {
    /**
     * Validates the components.
     *
     * @param callId the call id that links the result
     * @param name the tool name
     * @param arguments the arguments exactly as the model produced them, a JSON text that is kept
     *     as a string and not validated (a model may produce invalid JSON, which must still be
     *     logged)
     * @param attributes attributes kept with it, possibly empty
     */
    public ToolCall {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(arguments, "arguments");
      attributes = Attributes.copy(attributes);
    }

    /**
     * Creates a tool call with no attributes.
     *
     * @param callId the call id that links the result
     * @param name the tool name
     * @param arguments the arguments exactly as the model produced them
     */
    public ToolCall(String callId, String name, String arguments) {
      this(callId, name, arguments, Map.of());
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
   * @param toolName the name of the tool that produced it, if recorded
   * @param attributes attributes kept with it, possibly empty
   */
  record ToolResult(
      String callId,
      String summary,
      Optional<String> content,
      List<ImageAttachment> attachments,
      boolean isError,
      Optional<String> toolName,
      Map<String, JsonText> attributes)
      implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param callId the call id of the tool call
     * @param summary the short result the model sees
     * @param content the full output, if any
     * @param attachments images attached to the result
     * @param isError whether the tool failed
     * @param toolName the name of the tool that produced it, if recorded
     * @param attributes attributes kept with it, possibly empty
     */
    public ToolResult {
      Objects.requireNonNull(callId, "callId");
      Objects.requireNonNull(summary, "summary");
      Objects.requireNonNull(content, "content");
      attachments = List.copyOf(attachments);
      Objects.requireNonNull(toolName, "toolName");
      attributes = Attributes.copy(attributes);
    }

    /**
     * Creates a result with no tool name and no attributes.
     *
     * @param callId the call id of the tool call
     * @param summary the short result the model sees
     * @param content the full output, if any
     * @param attachments images attached to the result
     * @param isError whether the tool failed
     */
    public ToolResult(
        String callId,
        String summary,
        Optional<String> content,
        List<ImageAttachment> attachments,
        boolean isError) {
      this(callId, summary, content, attachments, isError, Optional.empty(), Map.of());
    }

    /**
     * Creates the successful result of a named tool, with no attachment.
     *
     * @param callId the call id of the tool call
     * @param toolName the tool's name
     * @param summary the result the model sees
     * @return the result
     */
    public static ToolResult of(String callId, String toolName, String summary) {
      return new ToolResult(
          callId, summary, Optional.empty(), List.of(), false, Optional.of(toolName), Map.of());
    }
  }

  /**
   * A reasoning block of the model.
   *
   * @param text the reasoning text
   * @param summary summary lines, possibly empty
   * @param encryptedContent the provider's opaque encrypted reasoning, kept for stateless re-send
   * @param signature the provider's signature, kept for thinking round-trips
   * @param attributes attributes kept with it, possibly empty
   */
  record Reasoning(
      String text,
      List<String> summary,
      Optional<String> encryptedContent,
      Optional<String> signature,
      Map<String, JsonText> attributes)
      implements HistoryItem {
    /**
     * Validates and copies the components.
     *
     * @param text the reasoning text
     * @param summary summary lines, possibly empty
     * @param encryptedContent the provider's opaque encrypted reasoning, kept for stateless re-send
     * @param signature the provider's signature, kept for thinking round-trips
     * @param attributes attributes kept with it, possibly empty
     */
    public Reasoning {
      Objects.requireNonNull(text, "text");
      summary = List.copyOf(summary);
      Objects.requireNonNull(encryptedContent, "encryptedContent");
      Objects.requireNonNull(signature, "signature");
      attributes = Attributes.copy(attributes);
    }

    /**
     * Creates a reasoning block with no attributes.
     *
     * @param text the reasoning text
     * @param summary summary lines, possibly empty
     * @param encryptedContent the provider's opaque encrypted reasoning
     * @param signature the provider's signature
     */
    public Reasoning(
        String text,
        List<String> summary,
        Optional<String> encryptedContent,
        Optional<String> signature) {
      this(text, summary, encryptedContent, signature, Map.of());
    }
  }
}
