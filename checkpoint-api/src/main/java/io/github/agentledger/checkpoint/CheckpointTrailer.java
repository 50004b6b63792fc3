package io.github.agentledger.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Entire-Checkpoint: <id>} commit-message trailer, the only link between a code commit
 * and its checkpoint. The id is of either kind: 12 lowercase hex characters or a ULID.
 *
 * <p>Stateless and thread-safe.
 */
public final class CheckpointTrailer {
  /** The trailer key. */
  public static final String KEY = "Entire-Checkpoint";

  // Go's \s is [\t\n\f\r ]; Go's $ without the multi-line flag is the end of the text (\z).
  private static final Pattern TRAILER =
      Pattern.compile(KEY + ":[\\t\\n\\f\\r ]*([0-9a-f]{12}|[0-9A-HJKMNP-TV-Z]{26})"
          + "(?:[\\t\\n\\f\\r ]|\\z)");
  private static final Pattern TRAILER_LINE = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*: ");

  private CheckpointTrailer() {}

  /**
   * Finds every checkpoint id named by an {@code Entire-Checkpoint:} trailer in a commit message
   * (squash commits can carry several), without duplicates, in order of appearance.
   *
   * @param message the full commit message
   * @return the ids, possibly none
   */
  public static List<CheckpointId> parseAll(String message) {
    Objects.requireNonNull(message, "message");
    Set<CheckpointId> ids = new LinkedHashSet<>();
    Matcher matcher = TRAILER.matcher(message);
    while (matcher.find()) {
      // The pattern gives the shape; the id type decides (a ULID starting above 7 is no id).
      CheckpointId.tryParse(matcher.group(1)).ifPresent(ids::add);
    }
    return List.copyOf(new ArrayList<>(ids));
  }

  /**
   * Appends {@code Entire-Checkpoint: <id>} the way git adds a trailer: when the message already
   * ends with a trailer paragraph (comment lines starting with {@code #} ignored), the line joins
   * that paragraph; otherwise a blank line is inserted first. Trailing newlines of the message are
   * trimmed, and the result ends with one newline.
   *
   * @param message the commit message
   * @param id the checkpoint to link
   * @return the message with the trailer
   */
  public static String append(String message, CheckpointId id) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(id, "id");
    String trimmed = message.replaceAll("\n+\\z", "");
    String line = KEY + ": " + id.value();
    String separator = endsWithTrailerBlock(trimmed) ? "\n" : "\n\n";
    return trimmed + separator + line + "\n";
  }

  private static boolean endsWithTrailerBlock(String trimmed) {
    String[] lines = trimmed.split("\n", -1);
    int i = lines.length - 1;
    while (i >= 0 && lines[i].strip().startsWith("#")) {
      i--;
    }
    if (i < 0 || !isTrailerLine(lines[i].strip())) {
      return false;
    }
    while (i > 0) {
      i--;
      String above = lines[i].strip();
      if (above.startsWith("#")) {
        continue;
      }
      if (above.isEmpty()) {
        return true;
      }
      if (!isTrailerLine(above)) {
        return false;
      }
    }
    return false;
  }

  private static boolean isTrailerLine(String line) {
    return TRAILER_LINE.matcher(line).find();
  }
}
