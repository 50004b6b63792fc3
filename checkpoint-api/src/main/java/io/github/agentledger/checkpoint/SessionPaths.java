package io.github.agentledger.checkpoint;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where the files of one session slot live, as absolute tree paths starting with {@code /} (for
 * example {@code /a3/b2c4d5e6f7/2/metadata.json}), and the slot's number. A path that does not
 * exist is empty.
 *
 * <p>The slot number is the name of the slot directory; slots need not be dense (a checkpoint may
 * hold {@code 0/}, {@code 2/} and {@code 3/}), so it is not the position in a list.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metadata the session metadata file
 * @param transcript the first transcript chunk, or empty when no transcript was stored
 * @param contentHash the content hash file, or empty when no transcript was stored
 * @param prompt the prompt file, or empty (the summary always lists it, possibly empty)
 * @param context the agent context file ({@code context.md}), or empty when none was stored
 * @param slot the slot number, not negative
 */
public record SessionPaths(String metadata, String transcript, String contentHash, String prompt,
    String context, int slot) {

  /**
   * Rejects nulls and negative slot numbers.
   *
   * @param metadata the session metadata file
   * @param transcript the first transcript chunk, or empty when no transcript was stored
   * @param contentHash the content hash file, or empty when no transcript was stored
   * @param prompt the prompt file, or empty (the summary always lists it, possibly empty)
   * @param context the agent context file, or empty when none was stored
   * @param slot the slot number, not negative
   */
  public SessionPaths {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(transcript, "transcript");
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(context, "context");
    if (slot < 0) {
      throw new IllegalArgumentException("slot must not be negative, got " + slot);
    }
  }

  /**
   * Paths without {@code context.md}, the slot number taken from the metadata path (the name of
   * the directory holding {@code metadata.json}; 0 when that name is not a number).
   *
   * @param metadata the session metadata file
   * @param transcript the first transcript chunk, or empty when no transcript was stored
   * @param contentHash the content hash file, or empty when no transcript was stored
   * @param prompt the prompt file, or empty
   */
  public SessionPaths(String metadata, String transcript, String contentHash, String prompt) {
    this(metadata, transcript, contentHash, prompt, "", slotOf(metadata).orElse(0));
  }

  /**
   * Reads the slot number out of a session file path: the name of the directory that holds the
   * file ({@code 2} in {@code /a3/b2c4d5e6f7/2/metadata.json}, also in {@code /2/metadata.json}).
   *
   * @param path a session file path
   * @return the slot number, empty when that directory name is not a plain decimal number
   */
  public static OptionalInt slotOf(String path) {
    Objects.requireNonNull(path, "path");
    int end = path.lastIndexOf('/');
    if (end <= 0) {
      return OptionalInt.empty();
    }
    int start = path.lastIndexOf('/', end - 1) + 1;
    String name = path.substring(start, end);
    if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(c -> c >= '0' && c <= '9')
        || (name.length() > 1 && name.charAt(0) == '0')) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(name));
  }
}
