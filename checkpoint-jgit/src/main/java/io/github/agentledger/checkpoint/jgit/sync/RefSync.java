package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes or fetches one checkpoint ref with bounded attempts (spec §7). Every attempt starts from
 * a fresh listing of the remote; every remote update carries the remote value it expects, and every
 * local move is a compare-and-swap, so a race on either side costs an attempt, never data. A local
 * ref only ever moves to a commit that contains what it held (a fast-forward, a merge, a replay),
 * or, when the remote rotated, after its content went into an archive. Not thread-safe: one
 * instance serves one sync call.
 */
final class RefSync {
  private final SyncContext context;
  private final SyncReconciler reconciler;
  private final List<SyncResult.RefOutcome> archiveOutcomes = new ArrayList<>();

  RefSync(SyncContext context) {
    this.context = context;
    this.reconciler = new SyncReconciler(context);
  }

  /** {@return outcomes of archive pushes made while recovering other refs} */
  List<SyncResult.RefOutcome> archiveOutcomes() {
    return List.copyOf(archiveOutcomes);
  }

  /**
   * Pushes a local ref; {@return its outcome, empty when the ref does not exist locally}
   */
  Optional<SyncResult.RefOutcome> push(String ref) throws IOException {
    boolean recovered = false;
    String planDetail = "";
    String lastProblem = "";
    for (int attempt = 1; attempt <= context.maxAttempts; attempt++) {
      Optional<ObjectId> local = context.local(ref);
      if (local.isEmpty()) {
        return Optional.empty();
      }
      Map<String, ObjectId> remoteRefs = context.transport.listCheckpointRefs();
      Optional<ObjectId> remote = Optional.ofNullable(remoteRefs.get(ref));
      if (remote.equals(local)) {
        return Optional.of(SyncContext.outcome(ref, recovered ? SyncResult.Status.RECOVERED
            : SyncResult.Status.UP_TO_DATE, remote, ""));
      }
      boolean lease = false;
      ObjectId toPush = local.get();
      if (remote.isPresent() && !Ancestry.isAncestor(context.repository, remote.get(), toPush)) {
        context.fetchToTemporary(List.of(ref));
        if (Ancestry.isAncestor(context.repository, toPush, remote.get())) {
          if (context.swap(ref, local, remote.get())) {
            return Optional.of(SyncContext.outcome(ref, SyncResult.Status.UP_TO_DATE, remote,
                "the local ref was behind and was fast-forwarded to the remote"));
          }
          lastProblem = "the local ref moved during the sync";
          continue;
        }
        SyncPlan plan;
        try {
          plan = reconciler.plan(ref, toPush, remote.get(), remoteRefs);
        } catch (SyncReconciler.SyncRefusal refusal) {
          return Optional.of(SyncContext.outcome(ref, SyncResult.Status.REJECTED, remote,
              refusal.getMessage()));
        }
        if (!applyLocally(ref, local.get(), plan)) {
          lastProblem = "the local ref moved during the sync";
          continue;
        }
        if (!pushArchives(plan, remoteRefs)) {
          lastProblem = "an archive could not be published";
          continue;
        }
        // Publishing a local rotation under a lease is an ordinary push unless an archive had to
        // absorb the remote generation first.
        recovered = plan.push() != SyncPlan.PushMode.LEASE || !plan.archives().isEmpty();
        planDetail = plan.detail();
        if (plan.push() == SyncPlan.PushMode.NONE) {
          return Optional.of(SyncContext.outcome(ref, SyncResult.Status.RECOVERED, remote,
              plan.detail()));
        }
        toPush = plan.newLocal();
        lease = plan.push() == SyncPlan.PushMode.LEASE;
      }
      RemoteRefUpdate update = pushOne(ref, toPush, remote, lease);
      switch (update.getStatus()) {
        case OK:
          return Optional.of(SyncContext.outcome(ref, recovered ? SyncResult.Status.RECOVERED
              : SyncResult.Status.PUSHED, Optional.of(toPush), lease ? planDetail
                  + "; replaced the remote's " + remote.get().name() + " under a lease"
                  : planDetail));
        case UP_TO_DATE:
          return Optional.of(SyncContext.outcome(ref, recovered ? SyncResult.Status.RECOVERED
              : SyncResult.Status.UP_TO_DATE, Optional.of(toPush), ""));
        case REJECTED_NONFASTFORWARD:
        case REJECTED_REMOTE_CHANGED:
          lastProblem = describe(update);
          break;
        case REJECTED_OTHER_REASON:
          if (!isLockFailure(update)) {
            return Optional.of(SyncContext.outcome(ref, SyncResult.Status.REJECTED, remote,
                describe(update)));
          }
          lastProblem = describe(update);
          break;
        default:
          return Optional.of(SyncContext.outcome(ref, SyncResult.Status.REJECTED, remote,
              describe(update)));
      }
    }
    return Optional.of(SyncContext.outcome(ref, SyncResult.Status.REJECTED, Optional.empty(),
        "gave up after " + context.maxAttempts + " attempts; last: " + lastProblem));
  }

  /**
   * Brings a remote ref (already fetched into its temporary ref) into the local one.
   *
   * @param fetched the remote tip, its objects local
   */
  SyncResult.RefOutcome promote(String ref, ObjectId fetched, Map<String, ObjectId> remoteRefs)
      throws IOException {
    for (int attempt = 1; attempt <= context.maxAttempts; attempt++) {
      Optional<ObjectId> local = context.local(ref);
      if (local.isEmpty() || Ancestry.isAncestor(context.repository, local.get(), fetched)) {
        if (local.equals(Optional.of(fetched))) {
          return SyncContext.outcome(ref, SyncResult.Status.UP_TO_DATE, local, "");
        }
        if (context.swap(ref, local, fetched)) {
          return SyncContext.outcome(ref, SyncResult.Status.FETCHED, Optional.of(fetched), "");
        }
        continue;
      }
      if (Ancestry.isAncestor(context.repository, fetched, local.get())) {
        return SyncContext.outcome(ref, SyncResult.Status.LOCAL_AHEAD, local, "");
      }
      SyncPlan plan;
      try {
        plan = reconciler.plan(ref, local.get(), fetched, remoteRefs);
      } catch (SyncReconciler.SyncRefusal refusal) {
        return SyncContext.outcome(ref, SyncResult.Status.REJECTED, local, refusal.getMessage());
      }
      if (applyLocally(ref, local.get(), plan)) {
        for (SyncPlan.ArchiveMove move : plan.archives()) {
          archiveOutcomes.add(SyncContext.outcome(move.ref(), SyncResult.Status.MERGED,
              Optional.of(move.after()), "holds the local checkpoints of " + ref));
        }
        return SyncContext.outcome(ref, SyncResult.Status.MERGED, Optional.of(plan.newLocal()),
            plan.detail());
      }
    }
    return SyncContext.outcome(ref, SyncResult.Status.REJECTED, context.local(ref),
        "gave up after " + context.maxAttempts + " attempts: the local ref kept moving");
  }

  /** Moves the plan's archives, then the ref itself, each by compare-and-swap. */
  private boolean applyLocally(String ref, ObjectId local, SyncPlan plan) {
    for (SyncPlan.ArchiveMove move : plan.archives()) {
      if (!context.swap(move.ref(), move.localBefore(), move.after())) {
        return false;
      }
    }
    return plan.newLocal().equals(local) || context.swap(ref, Optional.of(local), plan.newLocal());
  }

  private boolean pushArchives(SyncPlan plan, Map<String, ObjectId> remoteRefs)
      throws IOException {
    for (SyncPlan.ArchiveMove move : plan.archives()) {
      Optional<ObjectId> remote = Optional.ofNullable(remoteRefs.get(move.ref()));
      RemoteRefUpdate update = pushOne(move.ref(), move.after(), remote, false);
      boolean ok = update.getStatus() == RemoteRefUpdate.Status.OK
          || update.getStatus() == RemoteRefUpdate.Status.UP_TO_DATE;
      archiveOutcomes.add(SyncContext.outcome(move.ref(), ok ? SyncResult.Status.RECOVERED
          : SyncResult.Status.REJECTED, ok ? Optional.of(move.after()) : remote,
          ok ? "holds the local checkpoints of the diverged generation" : describe(update)));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private RemoteRefUpdate pushOne(String ref, ObjectId id, Optional<ObjectId> expectedOld,
      boolean lease) throws IOException {
    RemoteRefUpdate update = context.transport.update(ref, id, expectedOld, lease);
    context.hook.beforeRemoteUpdate(ref, expectedOld);
    RemoteRefUpdate result = context.transport.push(List.of(update)).get(ref);
    if (result == null) {
      throw new CheckpointStorageException("push of " + ref + " to " + context.transport.remote()
          + " returned no status", null);
    }
    return result;
  }

  private static boolean isLockFailure(RemoteRefUpdate update) {
    String message = String.valueOf(update.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("lock") || message.contains("stale");
  }

  private static String describe(RemoteRefUpdate update) {
    return update.getStatus() + (update.getMessage() == null ? "" : ": " + update.getMessage());
  }
}
