package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The one place where a read's failure inside JGit becomes a {@link CheckpointException}
 * (docs/checkpoint-format.md#hostile-input): damaged or unexpected objects (a malformed tree, a
 * tip that is not a commit, an object past the size limit, any runtime exception JGit throws on
 * bytes it cannot parse) are {@link CorruptCheckpointException}s; a missing object or a failing
 * disk is a {@link CheckpointStorageException}. Each message names what was read (the
 * checkpoint), where (the ref) and, when JGit says which, the object. Stateless.
 */
final class ReadFailures {
  private ReadFailures() {}

  /**
   * Translates a failure of a read.
   *
   * @param failure what the read threw; a {@link CheckpointException} is returned as it is
   * @param subject what was read, for example {@code checkpoint a3b2c4d5e6f7}
   * @param ref the ref (or refs) it was read from
   * @return the exception to throw
   */
  static CheckpointException translate(Exception failure, String subject, String ref) {
    if (failure instanceof CheckpointException known) {
      return known;
    }
    String object = objectOf(failure).map(id -> ", object " + id.name()).orElse("");
    String where = ref + " (" + subject + object + ")";
    if (failure instanceof MissingObjectException) {
      return new CheckpointStorageException("reading " + subject + " from " + ref
          + " failed: " + failure.getMessage(), failure);
    }
    if (failure instanceof IOException && !isDamage(failure)) {
      return new CheckpointStorageException("reading " + subject + " from " + ref + object
          + " failed: " + failure.getMessage(), failure);
    }
    return new CorruptCheckpointException(where, describe(failure), failure);
  }

  /**
   * Describes a failure as {@link #translate} would report it, for a listing that reports
   * instead of throwing.
   */
  static String reason(Exception failure, String subject, String ref) {
    CheckpointException translated = translate(failure, subject, ref);
    return Objects.requireNonNullElse(translated.getMessage(), translated.getClass().getName());
  }

  /** {@return whether an I/O failure says that stored bytes are damaged or unexpected} */
  private static boolean isDamage(Exception failure) {
    String name = failure.getClass().getName();
    return name.startsWith("org.eclipse.jgit.errors.")
        && !(failure instanceof MissingObjectException);
  }

  private static String describe(Exception failure) {
    if (failure instanceof LargeObjectException large) {
      return "an object is larger than the limit of the store's maxObjectBytes: "
          + large.getMessage();
    }
    String message = failure.getMessage();
    return "unreadable git data (" + failure.getClass().getSimpleName() + ")"
        + (message == null || message.isEmpty() ? "" : ": " + message);
  }

  /** {@return the object JGit named in the failure or its causes, when it did} */
  private static Optional<ObjectId> objectOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MissingObjectException missing && missing.getObjectId() != null) {
        return Optional.of(missing.getObjectId());
      }
      if (t instanceof LargeObjectException large && large.getObjectId() != null) {
        return Optional.of(large.getObjectId());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
