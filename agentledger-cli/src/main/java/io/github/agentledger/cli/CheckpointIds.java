package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves what the user typed to a checkpoint id: a whole id as it is (even one no layout lists,
 * so that {@code show} can say it is missing), or a prefix of exactly one listed id.
 */
final class CheckpointIds {
  private CheckpointIds() {}

  /**
   * Resolves {@code typed}; a prefix that is malformed or ambiguous is a usage error, made by
   * {@code usageError} from its message (picocli's {@code ParameterException} on the picocli
   * path; on {@link FastPath}, the signal to hand the command line over to picocli).
   */
  static CheckpointId resolve(String typed, List<LayoutView> views,
      Function<String, RuntimeException> usageError) {
    // Whole ids as typed first (an id kind may be case-sensitive), then case-insensitively.
    if (CheckpointId.isValid(typed.trim())) {
      return CheckpointId.parse(typed.trim());
    }
    String text = typed.trim().toLowerCase(Locale.ROOT);
    if (CheckpointId.isValid(text)) {
      return CheckpointId.parse(text);
    }
    if (text.isEmpty() || !text.chars().allMatch(Character::isLetterOrDigit)) {
      throw usageError.apply(
          "'" + Terminal.safe(typed) + "' is neither a checkpoint id nor a prefix of one");
    }
    TreeSet<CheckpointId> matches = new TreeSet<>();
    for (LayoutView view : views) {
      try {
        for (CheckpointListEntry entry : view.store().list()) {
          if (entry.checkpointId().value().toLowerCase(Locale.ROOT).startsWith(text)) {
            matches.add(entry.checkpointId());
          }
        }
      } catch (CheckpointException e) {
        // A layout that cannot be listed contributes no candidate; show reports it.
      }
    }
    if (matches.size() == 1) {
      return matches.first();
    }
    if (matches.isEmpty()) {
      throw new NotFoundException("no checkpoint id starts with '" + text + "'");
    }
    throw usageError.apply("'" + text + "' is ambiguous: "
        + matches.size() + " checkpoints start with it: "
        + matches.stream().limit(10).map(CheckpointId::value).toList()
        + (matches.size() > 10 ? " …" : ""));
  }

  /** What was asked for does not exist: exit status 1. */
  static final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String message) {
      super(message);
    }
  }
}
