package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Decides how a local checkpoint ref that diverged from the remote is reconciled
 * (docs/checkpoint-format.md#push-and-fetch), given that the remote tip's objects are already
 * local:
 *
 * <ul>
 *   <li>v1 branch: the local-only commits are replayed onto the remote tip ({@link V1Replay});
 *   <li>v2 {@code /main}: a merge commit of both tips ({@link MergeCommits});
 *   <li>an archived generation: a merge commit when both share history (the same generation,
 *       archived on two clones), else a refusal: one number, two different generations;
 *   <li>v2 {@code /full/current}: when both tips share history, a merge commit. When they do not,
 *       one side rotated. If the remote tip is covered by a local archive (a local rotation), the
 *       archive absorbs whatever the remote tip holds beyond it and the local tip replaces the
 *       remote one under a lease. If the local tip shares history with a remote archive (a remote
 *       rotation), the local work is merged into that archive and the local ref adopts the
 *       remote's fresh generation. Otherwise (two fresh generations) a merge commit.
 * </ul>
 *
 * <p>Nothing here moves a ref; the caller applies the plan by compare-and-swap. Stateless apart
 * from the context it is given.
 */
final class SyncReconciler {
  static final String MERGE_INTO_ARCHIVE = "Merge local checkpoints into archived generation";

  private final SyncContext context;

  SyncReconciler(SyncContext context) {
    this.context = context;
  }

  /**
   * Plans the reconciliation of {@code ref}.
   *
   * @param remoteRefs the remote's checkpoint refs as listed for this attempt
   * @throws SyncRefusal when the ref cannot be reconciled automatically
   */
  SyncPlan plan(String ref, ObjectId local, ObjectId remote, Map<String, ObjectId> remoteRefs)
      throws IOException, SyncRefusal {
    if (ref.equals(RefNames.V1_BRANCH)) {
      return new SyncPlan(V1Replay.replay(context.repository, local, remote, context.clock),
          List.of(), SyncPlan.PushMode.FAST_FORWARD, "local commits replayed onto the remote tip");
    }
    if (ref.equals(RefNames.V2_MAIN)) {
      return merge(local, remote, "Merge remote v2/main");
    }
    if (RefNames.isV2Archive(ref)) {
      if (!Ancestry.related(context.repository, local, remote)) {
        throw new SyncRefusal("archive number collision: the remote's " + ref + " ("
            + remote.name() + ") and the local one (" + local.name()
            + ") share no history; they are different generations under one number");
      }
      return merge(local, remote, "Merge remote " + shortName(ref));
    }
    if (ref.equals(RefNames.V2_FULL_CURRENT)) {
      return planCurrent(local, remote, remoteRefs);
    }
    throw new SyncRefusal("not a checkpoint ref this sync handles: " + ref);
  }

  private SyncPlan planCurrent(ObjectId local, ObjectId remote, Map<String, ObjectId> remoteRefs)
      throws IOException {
    if (Ancestry.related(context.repository, local, remote)) {
      return merge(local, remote, "Merge remote v2/full/current");
    }
    Map<String, ObjectId> localArchives = context.localRefs(RefNames.V2_FULL_PREFIX);
    List<String> newestFirst = new ArrayList<>(localArchives.keySet());
    newestFirst.removeIf(name -> !RefNames.isV2Archive(name));
    newestFirst.sort((a, b) -> b.compareTo(a));
    for (String archive : newestFirst) {
      ObjectId tip = Objects.requireNonNull(localArchives.get(archive), archive);
      if (Ancestry.isAncestor(context.repository, remote, tip)) {
        return new SyncPlan(local, List.of(), SyncPlan.PushMode.LEASE,
            "local rotation published: the remote generation is in " + shortName(archive));
      }
      if (Ancestry.related(context.repository, remote, tip)) {
        ObjectId merged = MergeCommits.merge(context.repository, tip, remote,
            "Merge remote v2/full/current into archived generation", context.clock);
        return new SyncPlan(local,
            List.of(new SyncPlan.ArchiveMove(archive, Optional.of(tip), merged)),
            SyncPlan.PushMode.LEASE, "local rotation published: the remote generation was merged"
                + " into " + shortName(archive));
      }
    }
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, ObjectId> entry : remoteRefs.entrySet()) {
      if (RefNames.isV2Archive(entry.getKey())
          && !entry.getValue().equals(localArchives.get(entry.getKey()))) {
        candidates.add(entry.getKey());
      }
    }
    Map<String, String> fetched = context.fetchToTemporary(candidates);
    for (String archive : candidates) {
      ObjectId archiveTip =
          context.local(Objects.requireNonNull(fetched.get(archive), archive)).orElseThrow();
      if (Ancestry.related(context.repository, local, archiveTip)) {
        ObjectId localArchive = localArchives.get(archive);
        if (localArchive != null
            && !Ancestry.isAncestor(context.repository, localArchive, archiveTip)) {
          // The local copy of this archive holds work not yet published: keep it too.
          archiveTip = MergeCommits.merge(context.repository, localArchive, archiveTip,
              "Merge remote " + shortName(archive), context.clock);
        }
        ObjectId merged = MergeCommits.merge(context.repository, local, archiveTip,
            MERGE_INTO_ARCHIVE, context.clock);
        return new SyncPlan(remote, List.of(new SyncPlan.ArchiveMove(archive,
            Optional.ofNullable(localArchives.get(archive)), merged)), SyncPlan.PushMode.NONE,
            "remote rotated: local checkpoints merged into " + shortName(archive)
                + ", the remote's fresh generation adopted");
      }
    }
    return merge(local, remote, "Merge remote v2/full/current");
  }

  private SyncPlan merge(ObjectId local, ObjectId remote, String message) throws IOException {
    return new SyncPlan(MergeCommits.merge(context.repository, local, remote, message,
        context.clock), List.of(), SyncPlan.PushMode.FAST_FORWARD, "merged with the remote tip");
  }

  /** {@code refs/entire/checkpoints/v2/full/0000000000001} → {@code v2/full/0000000000001}. */
  static String shortName(String ref) {
    String prefix = "refs/entire/checkpoints/";
    return ref.startsWith(prefix) ? ref.substring(prefix.length()) : ref;
  }

  /** A ref that cannot be reconciled automatically; the message says why. */
  static final class SyncRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    SyncRefusal(String message) {
      super(message);
    }

    /** {@return why the sync was refused, never null: every refusal is made with a message} */
    @Override
    public String getMessage() {
      return Objects.requireNonNull(super.getMessage(), "message");
    }
  }
}
