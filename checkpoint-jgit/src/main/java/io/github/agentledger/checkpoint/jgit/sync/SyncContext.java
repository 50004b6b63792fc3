package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.jgit.RetryPolicy;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * What a push or fetch works with: the repository, the remote, the bound on attempts, the clock,
 * and the local ref operations they share (reading, compare-and-swap through {@link RefCas},
 * temporary refs). Not thread-safe: one instance serves one sync call.
 */
final class SyncContext {
  final Repository repository;
  final SyncTransport transport;
  final int maxAttempts;
  final Clock clock;
  final RefCas refCas;
  final Hook hook;
  private final Optional<String> trackingRef;
  private final List<String> temporaryRefs = new ArrayList<>();

  /**
   * Test hooks: run just before a remote ref update is sent (after the remote was read), and
   * just before a local ref is swapped (after the plan was built from its old value).
   */
  interface Hook {
    Hook NONE = (ref, expectedRemote) -> { };

    void beforeRemoteUpdate(String ref, Optional<ObjectId> expectedRemote);

    default void beforeLocalSwap(String ref, Optional<ObjectId> expectedLocal) {}
  }

  /**
   * Creates the context of one sync call.
   *
   * @param trackingRef the remote-tracking copy of the v1 branch to keep up to date, empty when
   *     the remote is a URL
   */
  SyncContext(Repository repository, SyncTransport transport, int maxAttempts, Clock clock,
      Hook hook, Optional<String> trackingRef) {
    this.trackingRef = trackingRef;
    this.repository = repository;
    this.transport = transport;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
    this.hook = hook;
    this.refCas = new RefCas(repository, RetryPolicy.immediate(1), d -> { }, RefCas.Hook.NONE);
  }

  Optional<ObjectId> local(String ref) throws IOException {
    return refCas.currentId(ref);
  }

  /** Local refs under a prefix, by name. */
  Map<String, ObjectId> localRefs(String prefix) throws IOException {
    Map<String, ObjectId> refs = new TreeMap<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
      if (ref.getObjectId() != null) {
        refs.put(ref.getName(), ref.getObjectId().copy());
      }
    }
    return refs;
  }

  /** {@return whether the local ref moved from {@code expected} to {@code next}} */
  boolean swap(String ref, Optional<ObjectId> expected, ObjectId next) {
    hook.beforeLocalSwap(ref, expected);
    return refCas.compareAndSwap(ref, expected, next);
  }

  /** {@return the remote-tracking copy of the v1 branch, empty when the remote is a URL} */
  Optional<String> trackingRef() {
    return trackingRef;
  }

  /**
   * Records what the remote's v1 branch now holds in the remote-tracking ref, as git does after
   * a fetch or push. The tracking ref mirrors the remote, so it may move backwards; it still
   * moves by compare-and-swap, and a lost race (another sync of the same remote recorded its own
   * observation meanwhile) leaves the other sync's value.
   */
  void updateTracking(ObjectId remoteTip) throws IOException {
    if (trackingRef.isPresent()) {
      Optional<ObjectId> current = local(trackingRef.get());
      if (!current.equals(Optional.of(remoteTip))) {
        refCas.compareAndSwap(trackingRef.get(), current, remoteTip);
      }
    }
  }

  /**
   * Fetches remote refs into temporary local refs (removed by {@link #close()}).
   *
   * @return the temporary ref of each fetched remote ref
   */
  Map<String, String> fetchToTemporary(List<String> remoteRefs) {
    Map<String, String> mapping = new TreeMap<>();
    for (String ref : remoteRefs) {
      mapping.put(ref, RefNames.syncTemp(ref));
    }
    temporaryRefs.addAll(mapping.values());
    transport.fetch(mapping);
    return mapping;
  }

  /** Deletes the temporary refs this sync created. */
  void removeTemporaryRefs() throws IOException {
    for (String ref : temporaryRefs) {
      if (repository.exactRef(ref) != null) {
        RefUpdate delete = repository.updateRef(ref);
        delete.setForceUpdate(true);
        delete.delete();
      }
    }
    temporaryRefs.clear();
  }

  static Optional<CommitId> commit(Optional<ObjectId> id) {
    return id.map(i -> CommitId.parse(i.name()));
  }

  static SyncResult.RefOutcome outcome(String ref, SyncResult.Status status,
      Optional<ObjectId> commit, String detail) {
    return new SyncResult.RefOutcome(ref, status, commit(commit), detail);
  }
}
