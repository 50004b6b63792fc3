package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointId;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * The one place where the names of checkpoint refs are spelled. Every other class asks here; no
 * ref name is ever concatenated elsewhere.
 *
 * <p>Internal, may change without notice.
 */
public final class RefNames {
  /** The v1 branch, an orphan branch holding every committed checkpoint. */
  public static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";
  /** The remote-tracking copy of the v1 branch, read when the local branch is missing. */
  public static final String V1_REMOTE_TRACKING = v1RemoteTracking("origin").orElseThrow();
  /** The v2 metadata ref. */
  public static final String V2_MAIN = "refs/entire/checkpoints/v2/main";
  /** The v2 ref of the active raw-transcript generation. */
  public static final String V2_FULL_CURRENT = "refs/entire/checkpoints/v2/full/current";
  /** The prefix of v2 archived generations. */
  public static final String V2_FULL_PREFIX = "refs/entire/checkpoints/v2/full/";

  /** The namespace of git-refs checkpoint refs, {@code <prefix><shard>/<id>} (docs/git-refs-layout.md). */
  public static final String CHECKPOINT_REF_PREFIX = "refs/entire/checkpoints/";
  /** The v2 refs live inside the git-refs namespace and are no checkpoint refs. */
  public static final String V2_PREFIX = "refs/entire/checkpoints/v2/";

  /**
   * The local marker of the last v1 commit up to which a dual write verified v2
   * (docs/checkpoint-format.md#dual-write-convergence); outside every namespace a sync pushes.
   */
  public static final String V2_RECONCILED = "refs/agentledger/v2-reconciled";

  /** The prefix of the temporary refs a sync fetches into; they are removed after each sync. */
  public static final String SYNC_TMP_PREFIX = "refs/entire-sync/tmp/";

  private RefNames() {}

  /**
   * The ref of an archived v2 generation.
   *
   * @param number the generation number, at least 1
   * @return {@code refs/entire/checkpoints/v2/full/} followed by the 13-digit number
   */
  public static String v2Archive(long number) {
    if (number < 1 || number > 9_999_999_999_999L) {
      throw new IllegalArgumentException("generation number out of range: " + number);
    }
    return V2_FULL_PREFIX + String.format("%013d", number);
  }

  /**
   * The remote-tracking copy of the v1 branch for a named remote.
   *
   * @param remoteName a configured remote's name, such as {@code origin}
   * @return {@code refs/remotes/<remoteName>/entire/checkpoints/v1}, empty when the name does
   *     not make a valid ref name
   */
  public static Optional<String> v1RemoteTracking(String remoteName) {
    String ref = "refs/remotes/" + remoteName + "/entire/checkpoints/v1";
    return Repository.isValidRefName(ref) ? Optional.of(ref) : Optional.empty();
  }

  /**
   * The temporary ref a sync fetches a remote checkpoint ref into.
   *
   * @param ref a checkpoint ref such as {@code refs/entire/checkpoints/v2/main}
   * @return {@code refs/entire-sync/tmp/} followed by the ref with its {@code refs/} prefix cut
   */
  public static String syncTemp(String ref) {
    if (!ref.startsWith("refs/")) {
      throw new IllegalArgumentException("not a full ref name: " + ref);
    }
    return SYNC_TMP_PREFIX + ref.substring("refs/".length());
  }

  /**
   * Whether a ref is an archived v2 generation: the prefix followed by exactly 13 digits.
   *
   * @param ref any ref name
   * @return true for {@code refs/entire/checkpoints/v2/full/0000000000001} and the like
   */
  public static boolean isV2Archive(String ref) {
    if (!ref.startsWith(V2_FULL_PREFIX)) {
      return false;
    }
    String suffix = ref.substring(V2_FULL_PREFIX.length());
    return suffix.length() == 13 && suffix.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Whether {@code name} is a remote-tracking copy of the checkpoint ref {@code ref}, as a fetch
   * with git's default refspec shape records it: {@code refs/remotes/<remote>/} followed by the
   * ref without its {@code refs/heads/} (a branch) or {@code refs/} prefix; so
   * {@code refs/remotes/origin/entire/checkpoints/v1} for the v1 branch and
   * {@code refs/remotes/origin/entire/checkpoints/v2/main} for v2 {@code /main}.
   *
   * @param name any ref name
   * @param ref a checkpoint ref such as {@link #V1_BRANCH} or {@link #V2_MAIN}
   * @return true when {@code name} tracks {@code ref} for some remote
   */
  public static boolean isRemoteTrackingCopy(String name, String ref) {
    String suffix = "/" + (ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length())
        : ref.substring("refs/".length()));
    return name.startsWith(REMOTES_PREFIX) && name.endsWith(suffix)
        && name.length() > REMOTES_PREFIX.length() + suffix.length();
  }

  /**
   * The remote of a remote-tracking ref name.
   *
   * @param name a name for which {@link #isRemoteTrackingCopy} holds
   * @param ref the checkpoint ref it tracks
   * @return the remote's name, such as {@code origin}
   */
  public static String remoteOf(String name, String ref) {
    String suffix = "/" + (ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length())
        : ref.substring("refs/".length()));
    return name.substring(REMOTES_PREFIX.length(), name.length() - suffix.length());
  }

  /** The prefix of remote-tracking refs. */
  public static final String REMOTES_PREFIX = "refs/remotes/";

  /**
   * The git-refs ref of a checkpoint: {@code refs/entire/checkpoints/<last two>/<id>}.
   *
   * @param id the checkpoint, of either kind
   * @return the ref name
   */
  public static String checkpointRef(CheckpointId id) {
    return CHECKPOINT_REF_PREFIX + id.refShard() + "/" + id.value();
  }

  /**
   * The one other spelling of a checkpoint's ref that a case-insensitive file system can leave:
   * the shard in lower case for a ULID, in upper case for a hex id (docs/git-refs-layout.md).
   *
   * @param id the checkpoint
   * @return the ref name with the shard's case folded (equal to {@link #checkpointRef} when the
   *     shard has no letter)
   */
  public static String caseFoldedCheckpointRef(CheckpointId id) {
    return CHECKPOINT_REF_PREFIX + foldedShard(id) + "/" + id.value();
  }

  private static String foldedShard(CheckpointId id) {
    return id.kind() == CheckpointId.Kind.ULID ? id.refShard().toLowerCase(Locale.ROOT)
        : id.refShard().toUpperCase(Locale.ROOT);
  }

  /**
   * Reads the checkpoint id out of a git-refs ref name. A name round-trips when it is
   * {@code refs/entire/checkpoints/<shard>/<id>} with a valid id and the shard equal to the id's
   * last two characters (or their case-folded spelling); anything else names no checkpoint.
   *
   * @param ref any ref name
   * @return the id, or empty when the name is no checkpoint ref ({@link #whyNotACheckpointRef}
   *     says why)
   */
  public static Optional<CheckpointId> checkpointIdOf(String ref) {
    return whyNotACheckpointRef(ref).isEmpty()
        ? CheckpointId.tryParse(ref.substring(ref.lastIndexOf('/') + 1)) : Optional.empty();
  }

  /**
   * Says why a ref name is no git-refs checkpoint ref.
   *
   * @param ref any ref name
   * @return the reason, naming the values involved; empty when the name is a checkpoint ref
   */
  public static Optional<String> whyNotACheckpointRef(String ref) {
    if (!ref.startsWith(CHECKPOINT_REF_PREFIX)) {
      return Optional.of("not under " + CHECKPOINT_REF_PREFIX);
    }
    String[] parts = ref.substring(CHECKPOINT_REF_PREFIX.length()).split("/", -1);
    if (parts.length != 2) {
      return Optional.of("expected <shard>/<id> after " + CHECKPOINT_REF_PREFIX + ", found "
          + parts.length + " path segments");
    }
    Optional<CheckpointId> id = CheckpointId.tryParse(parts[1]);
    if (id.isEmpty()) {
      return Optional.of("\"" + parts[1] + "\" is not a checkpoint id (12 lowercase hex"
          + " characters or a canonical 26-character ULID)");
    }
    if (!parts[0].equals(id.get().refShard()) && !parts[0].equals(foldedShard(id.get()))) {
      return Optional.of("shard \"" + parts[0] + "\" does not match the id's last two characters"
          + " \"" + id.get().refShard() + "\"");
    }
    return Optional.empty();
  }
}
