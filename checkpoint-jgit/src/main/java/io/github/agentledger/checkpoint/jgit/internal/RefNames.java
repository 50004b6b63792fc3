package io.github.agentledger.checkpoint.jgit.internal;

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
}
