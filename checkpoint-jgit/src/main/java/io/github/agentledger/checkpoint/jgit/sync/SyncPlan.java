package io.github.agentledger.checkpoint.jgit.sync;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * How a local checkpoint ref that diverged from its remote counterpart is reconciled: which local
 * refs move (archives first, then the ref itself) and how the ref is then pushed. Immutable.
 *
 * @param newLocal the commit the local ref moves to
 * @param archives archive refs that move locally first, and are pushed before the ref
 * @param push how the ref is pushed afterwards
 * @param detail what was done, for the sync result
 */
record SyncPlan(ObjectId newLocal, List<ArchiveMove> archives, PushMode push, String detail) {

  SyncPlan {
    newLocal = newLocal.copy();
    archives = List.copyOf(archives);
  }

  /** How the reconciled ref goes to the remote. */
  enum PushMode {
    /** A plain fast-forward push guarded by the remote's old value. */
    FAST_FORWARD,
    /**
     * A lease-guarded forced update: the remote ref is replaced only if it still holds the value
     * that was read, which a published archive already contains (a local rotation, spec §7.3).
     */
    LEASE,
    /** Nothing to push: the local ref adopted the remote's value (a remote rotation). */
    NONE
  }

  /**
   * One archive ref moved by a plan.
   *
   * @param ref the archive ref
   * @param localBefore its local value before, empty when it did not exist locally
   * @param after its new value
   */
  record ArchiveMove(String ref, Optional<ObjectId> localBefore, ObjectId after) {}
}
