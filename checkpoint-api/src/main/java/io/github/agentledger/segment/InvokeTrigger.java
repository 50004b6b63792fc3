package io.github.agentledger.segment;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What woke the agent up, as logged by an {@code invoke} entry.
 *
 * <p>An open set: the known triggers are constants, and a trigger written by a newer version is
 * kept by name so that it is written back unchanged.
 *
 * <p>Immutable and thread-safe.
 *
 * @param wireName the name written in the log, lowercase snake_case
 */
public record InvokeTrigger(String wireName) {
  // Initialized before the constants below, which the constructor validates against them.
  private static final List<String> KNOWN =
      List.of("user_send", "notify", "worker_event", "system_reminder", "wakeup");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_.-]+");

  /** The user sent input. */
  public static final InvokeTrigger USER_SEND = new InvokeTrigger("user_send");

  /** A notification arrived. */
  public static final InvokeTrigger NOTIFY = new InvokeTrigger("notify");

  /** A worker event arrived. */
  public static final InvokeTrigger WORKER_EVENT = new InvokeTrigger("worker_event");

  /** A system reminder fired. */
  public static final InvokeTrigger SYSTEM_REMINDER = new InvokeTrigger("system_reminder");

  /** Reserved: a scheduled wake-up. */
  public static final InvokeTrigger WAKEUP = new InvokeTrigger("wakeup");

  /**
   * Validates the name.
   *
   * @param wireName the name written in the log, lowercase snake_case
   */
  public InvokeTrigger {
    Objects.requireNonNull(wireName, "wireName");
    if (!NAME.matcher(wireName).matches()) {
      throw new IllegalArgumentException("invalid invoke trigger name '" + wireName + "'");
    }
  }

  /**
   * Returns the trigger of a name, known or not.
   *
   * @param wireName the name written in the log
   * @return the trigger
   * @throws IllegalArgumentException if the name is not lowercase snake_case
   */
  public static InvokeTrigger of(String wireName) {
    return new InvokeTrigger(wireName);
  }

  /** {@return {@code true} when this version knows the trigger} */
  public boolean known() {
    return KNOWN.contains(wireName);
  }
}
