package io.github.agentledger.segment;

import java.util.Objects;
import java.util.Optional;

/**
 * A system message injected by the agent framework, typed by origin. The exact {@code body} the
 * model saw is stored, so replay rebuilds the same bytes even if templates change later.
 *
 * <p>Implementations are immutable records, safe to share between threads.
 */
public sealed interface SystemItem {
  /**
   * {@return the text replay appends to the history as a system message, or empty when the item is
   * skipped (legacy knowledge items, unknown items without a body)}
   */
  Optional<String> historyText();

  /**
   * A notification.
   *
   * @param message the notification message
   * @param body the text the model saw
   * @param promptProvenance where the text came from, if recorded
   */
  record Notification(String message, String body, Optional<PromptProvenance> promptProvenance)
      implements SystemItem {
    /**
     * Validates the components.
     *
     * @param message the notification message
     * @param body the text the model saw
     * @param promptProvenance where the text came from, if recorded
     */
    public Notification {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(promptProvenance, "promptProvenance");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * An event of another worker.
   *
   * @param event the event, a JSON object tagged by {@code kind} (turn_ended, errored, shut_down,
   *     scope_sub_delegated), kept opaque
   * @param body the text the model saw
   * @param promptProvenance where the text came from, if recorded
   */
  record WorkerEvent(JsonText event, String body, Optional<PromptProvenance> promptProvenance)
      implements SystemItem {
    /**
     * Validates the components.
     *
     * @param event the event, a JSON object tagged by {@code kind} (turn_ended, errored, shut_down,
     *     scope_sub_delegated), kept opaque
     * @param body the text the model saw
     * @param promptProvenance where the text came from, if recorded
     */
    public WorkerEvent {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(promptProvenance, "promptProvenance");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * A file or directory attached to the conversation.
   *
   * @param path the path
   * @param body the text the model saw
   */
  record FileAttachment(String path, String body) implements SystemItem {
    /**
     * Validates the components.
     *
     * @param path the path
     * @param body the text the model saw
     */
    public FileAttachment {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(body, "body");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * A skill was activated.
   *
   * @param name the skill name
   * @param body the text the model saw
   */
  record SkillActivation(String name, String body) implements SystemItem {
    /**
     * Validates the components.
     *
     * @param name the skill name
     * @param body the text the model saw
     */
    public SkillActivation {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * A task reminder.
   *
   * @param source what raised the reminder; {@value #DEFAULT_SOURCE} when the log does not say
   * @param body the text the model saw
   * @param promptProvenance where the text came from, if recorded
   */
  record TaskReminder(String source, String body, Optional<PromptProvenance> promptProvenance)
      implements SystemItem {
    /** The source assumed for reminders logged without one. */
    public static final String DEFAULT_SOURCE = "task_inactivity";

    /**
     * Validates the components.
     *
     * @param source what raised the reminder; {@value #DEFAULT_SOURCE} when the log does not say
     * @param body the text the model saw
     * @param promptProvenance where the text came from, if recorded
     */
    public TaskReminder {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(promptProvenance, "promptProvenance");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * The user interrupted the model.
   *
   * @param body the text the model saw
   * @param promptProvenance where the text came from, if recorded
   */
  record Interrupt(String body, Optional<PromptProvenance> promptProvenance) implements SystemItem {
    /**
     * Validates the components.
     *
     * @param body the text the model saw
     * @param promptProvenance where the text came from, if recorded
     */
    public Interrupt {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(promptProvenance, "promptProvenance");
    }

    @Override
    public Optional<String> historyText() {
      return Optional.of(body);
    }
  }

  /**
   * Legacy, read only: a knowledge item of old logs. Replay skips it.
   *
   * @param slug the knowledge slug
   * @param body the stored text
   */
  record Knowledge(String slug, String body) implements SystemItem {
    /**
     * Validates the components.
     *
     * @param slug the knowledge slug
     * @param body the stored text
     */
    public Knowledge {
      Objects.requireNonNull(slug, "slug");
      Objects.requireNonNull(body, "body");
    }

    /** {@return empty: legacy knowledge is not replayed} */
    @Override
    public Optional<String> historyText() {
      return Optional.empty();
    }
  }

  /**
   * Legacy, read only: a workflow item of old logs.
   *
   * @param slug the workflow slug
   */
  record Workflow(String slug) implements SystemItem {
    /**
     * Validates the component.
     *
     * @param slug the workflow slug
     */
    public Workflow {
      Objects.requireNonNull(slug, "slug");
    }

    /** {@return {@code "Ignored legacy procedure item: /slug"}} */
    @Override
    public Optional<String> historyText() {
      return Optional.of("Ignored legacy procedure item: /" + slug);
    }
  }

  /**
   * A system item of a kind this version does not know, kept whole so that it is written back
   * unchanged; replay appends its {@code body} when it has one.
   *
   * @param kind the item's {@code kind}
   * @param body the item's {@code body} member when it is a string
   * @param json the whole item as a JSON object, its {@code kind} member included
   */
  record Unknown(String kind, Optional<String> body, JsonText json) implements SystemItem {
    /**
     * Validates the components.
     *
     * @param kind the item's {@code kind}
     * @param body the item's {@code body} member when it is a string
     * @param json the whole item as a JSON object, its {@code kind} member included
     */
    public Unknown {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(json, "json");
      if (!json.isObject()) {
        throw new IllegalArgumentException("unknown system item is not a JSON object: " + json);
      }
    }

    @Override
    public Optional<String> historyText() {
      return body;
    }
  }
}
