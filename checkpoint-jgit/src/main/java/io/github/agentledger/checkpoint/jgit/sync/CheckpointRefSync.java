package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Push and fetch of the git-refs layout's per-checkpoint refs (docs/git-refs-layout.md).
 *
 * <p><b>Push</b> sends the refs of the {@link PushQueue}. One advertisement of the remote sorts
 * them: equal (nothing to send), fast-forward (sent in batches of the configured size, every
 * update naming the remote value it expects, never forced), or diverged. A batch with a rejected
 * ref is pushed again in halves, so that a remote that refuses a whole push for one ref lets the
 * others land; halving stops at four refs, or when both halves fail whole (the cause is not one
 * ref). What is still rejected, and what diverged, is pushed ref by ref: a non-fast-forward is
 * recovered by fetching the remote ref and replaying the local-only commits on top of it (the
 * checkpoint directory merged session by session), and pushed again; a refusal for another reason
 * (a hook, a policy) is reported, never replayed. Refs leave the queue as soon as their batch is
 * confirmed, and only when their local value is still the one the remote confirmed.
 *
 * <p><b>Fetch</b> brings every checkpoint ref the remote advertises, or one by id, through
 * temporary refs; a local ref moves by compare-and-swap, forward only: absent or behind, it takes
 * the remote value; ahead, it stays; diverged, the local commits are replayed onto the remote ones
 * and the ref is queued for push. Not thread-safe: one instance serves one sync call.
 */
final class CheckpointRefSync {
  private static final int SMALLEST_HALVED = 4;

  private final SyncContext context;
  private final Optional<PushQueue> queue;
  private final int batchSize;
  private final List<SyncResult.RefOutcome> outcomes = new ArrayList<>();

  CheckpointRefSync(SyncContext context, Optional<PushQueue> queue, int batchSize) {
    this.context = context;
    this.queue = queue;
    this.batchSize = batchSize;
  }

  /** Pushes the queued refs; {@return one outcome per ref handled} */
  List<SyncResult.RefOutcome> push() throws IOException {
    if (queue.isEmpty()) {
      return List.of();
    }
    Map<String, ObjectId> local = new LinkedHashMap<>();
    Set<String> stale = new TreeSet<>();
    for (String ref : queue.get().refs()) {
      Optional<ObjectId> value = context.local(ref);
      if (RefNames.checkpointIdOf(ref).isEmpty() || value.isEmpty()) {
        stale.add(ref);
      } else {
        local.put(ref, value.get());
      }
    }
    if (!stale.isEmpty()) {
      queue.get().removeIf(ref -> stale.contains(ref) && localQuietly(ref).isEmpty());
    }
    if (local.isEmpty()) {
      return List.of();
    }
    Map<String, ObjectId> remote = context.transport.listCheckpointRefs();
    List<String> fastForward = new ArrayList<>();
    List<String> oneByOne = new ArrayList<>();
    for (Map.Entry<String, ObjectId> entry : local.entrySet()) {
      String ref = entry.getKey();
      ObjectId mine = entry.getValue();
      ObjectId theirs = remote.get(ref);
      if (mine.equals(theirs) || (theirs != null && isAncestor(mine, theirs))) {
        record(ref, SyncResult.Status.UP_TO_DATE, mine, theirs == null || mine.equals(theirs)
            ? "the remote has it" : "the remote holds it and more");
        confirm(Map.of(ref, mine));
      } else if (theirs == null || isAncestor(theirs, mine)) {
        fastForward.add(ref);
      } else {
        oneByOne.add(ref);
      }
    }
    for (int start = 0; start < fastForward.size(); start += batchSize) {
      List<String> batch = fastForward.subList(start,
          Math.min(fastForward.size(), start + batchSize));
      List<String> failed = pushBatch(batch, local, remote);
      if (!failed.isEmpty()) {
        oneByOne.addAll(isolate(failed, local, remote));
      }
    }
    for (String ref : oneByOne) {
      pushWithRecovery(ref);
    }
    return List.copyOf(outcomes);
  }

  /** Pushes halves of a failed batch; {@return the refs still rejected} */
  private List<String> isolate(List<String> failed, Map<String, ObjectId> local,
      Map<String, ObjectId> remote) throws IOException {
    if (failed.size() <= SMALLEST_HALVED) {
      return failed;
    }
    List<String> first = failed.subList(0, failed.size() / 2);
    List<String> second = failed.subList(failed.size() / 2, failed.size());
    List<String> firstFailed = pushBatch(first, local, remote);
    List<String> secondFailed = pushBatch(second, local, remote);
    List<String> still = new ArrayList<>();
    if (firstFailed.size() == first.size() && secondFailed.size() == second.size()) {
      still.addAll(firstFailed); // both halves refused whole: not one ref's doing
      still.addAll(secondFailed);
      return still;
    }
    still.addAll(isolate(firstFailed, local, remote));
    still.addAll(isolate(secondFailed, local, remote));
    return still;
  }

  /** One push of several refs; {@return the refs that did not land} */
  private List<String> pushBatch(List<String> refs, Map<String, ObjectId> local,
      Map<String, ObjectId> remote) throws IOException {
    List<RemoteRefUpdate> updates = new ArrayList<>();
    for (String ref : refs) {
      Optional<ObjectId> expected = Optional.ofNullable(remote.get(ref));
      context.hook.beforeRemoteUpdate(ref, expected);
      ObjectId tip = Objects.requireNonNull(local.get(ref), "a ref to push has a local tip");
      updates.add(context.transport.update(ref, tip, expected, false));
    }
    Map<String, RemoteRefUpdate> results = context.transport.push(updates);
    List<String> failed = new ArrayList<>();
    Map<String, ObjectId> landed = new LinkedHashMap<>();
    for (String ref : refs) {
      RemoteRefUpdate result = results.get(ref);
      RemoteRefUpdate.Status status = result == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED
          : result.getStatus();
      if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
        record(ref, status == RemoteRefUpdate.Status.OK ? SyncResult.Status.PUSHED
            : SyncResult.Status.UP_TO_DATE,
            Objects.requireNonNull(local.get(ref), "a pushed ref has a local tip"),
            "pushed in a batch of "
            + refs.size());
        landed.put(ref, local.get(ref));
      } else {
        failed.add(ref);
      }
    }
    confirm(landed);
    return failed;
  }

  /** Pushes one ref, recovering from a non-fast-forward by replay, at most maxAttempts times. */
  private void pushWithRecovery(String ref) throws IOException {
    CheckpointId id = RefNames.checkpointIdOf(ref).orElseThrow();
    boolean replayed = false;
    String last = "";
    for (int attempt = 1; attempt <= context.maxAttempts; attempt++) {
      Optional<ObjectId> mine = context.local(ref);
      if (mine.isEmpty()) {
        return;
      }
      Optional<ObjectId> theirs =
          Optional.ofNullable(context.transport.listCheckpointRefs().get(ref));
      if (theirs.isPresent() && !theirs.equals(mine) && !isAncestor(theirs.get(), mine.get())) {
        ObjectId fetched = fetchOne(ref);
        if (isAncestor(mine.get(), fetched)) {
          record(ref, SyncResult.Status.UP_TO_DATE, mine.get(), "the remote holds it and more");
          confirm(Map.of(ref, mine.get()));
          return;
        }
        ObjectId next = replay(context.repository, id, mine.get(), fetched);
        if (!context.swap(ref, mine, next)) {
          last = "the local ref moved during the replay";
          continue;
        }
        replayed = true;
        mine = Optional.of(next);
      }
      if (theirs.equals(mine)) {
        record(ref, SyncResult.Status.UP_TO_DATE, mine.get(), "the remote has it");
        confirm(Map.of(ref, mine.get()));
        return;
      }
      context.hook.beforeRemoteUpdate(ref, theirs);
      RemoteRefUpdate result = context.transport.push(
          List.of(context.transport.update(ref, mine.get(), theirs, false))).get(ref);
      RemoteRefUpdate.Status status = result == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED
          : result.getStatus();
      switch (status) {
        case OK:
        case UP_TO_DATE:
          record(ref, replayed ? SyncResult.Status.RECOVERED : SyncResult.Status.PUSHED,
              mine.get(), replayed ? "replayed onto the remote tip and pushed" : "pushed alone");
          confirm(Map.of(ref, mine.get()));
          return;
        case REJECTED_NONFASTFORWARD:
        case REJECTED_REMOTE_CHANGED:
          last = "the remote moved (" + status + ")";
          continue;
        default:
          record(ref, SyncResult.Status.REJECTED, mine.get(), "refused by the remote: " + status
              + (result == null || result.getMessage() == null ? ""
                  : " (" + result.getMessage() + ")")
              + "; left queued");
          return;
      }
    }
    record(ref, SyncResult.Status.REJECTED, context.local(ref).orElse(ObjectId.zeroId()),
        "gave up after " + context.maxAttempts + " attempts: " + last + "; left queued");
  }

  /** Fetches every checkpoint ref the remote advertises; {@return one outcome per ref} */
  List<SyncResult.RefOutcome> fetchAll() throws IOException {
    List<String> refs = new ArrayList<>();
    for (String ref : context.transport.listCheckpointRefs().keySet()) {
      if (!ref.startsWith(RefNames.V2_PREFIX) && RefNames.checkpointIdOf(ref).isPresent()) {
        refs.add(ref);
      }
    }
    fetch(refs);
    return List.copyOf(outcomes);
  }

  /**
   * Fetches one checkpoint's ref.
   *
   * @return its outcome, or none when the remote does not have the checkpoint
   */
  List<SyncResult.RefOutcome> fetch(CheckpointId id) throws IOException {
    Map<String, ObjectId> remote = context.transport.listCheckpointRefs();
    for (String ref : List.of(RefNames.checkpointRef(id), RefNames.caseFoldedCheckpointRef(id))) {
      if (remote.containsKey(ref)) {
        fetch(List.of(ref));
        break;
      }
    }
    return List.copyOf(outcomes);
  }

  private void fetch(List<String> refs) throws IOException {
    if (refs.isEmpty()) {
      return;
    }
    Map<String, String> temporary = context.fetchToTemporary(refs);
    for (String ref : refs) {
      ObjectId fetched = context.local(Objects.requireNonNull(temporary.get(ref),
          "each fetched ref has its temporary ref")).orElseThrow(() ->
          new CheckpointStorageException("fetch of " + ref + " from " + context.transport.remote()
              + " left no temporary ref " + temporary.get(ref), null));
      promote(ref, fetched);
    }
  }

  private void promote(String ref, ObjectId fetched) throws IOException {
    CheckpointId id = RefNames.checkpointIdOf(ref).orElseThrow();
    for (int attempt = 1; attempt <= context.maxAttempts; attempt++) {
      Optional<ObjectId> mine = context.local(ref);
      if (mine.isPresent() && (mine.get().equals(fetched) || isAncestor(fetched, mine.get()))) {
        record(ref, SyncResult.Status.UP_TO_DATE, mine.get(), mine.get().equals(fetched)
            ? "already local" : "the local ref is ahead");
        return;
      }
      if (mine.isEmpty() || isAncestor(mine.get(), fetched)) {
        if (context.swap(ref, mine, fetched)) {
          record(ref, SyncResult.Status.FETCHED, fetched, mine.isEmpty() ? "new" : "fast-forward");
          return;
        }
        continue;
      }
      ObjectId next = replay(context.repository, id, mine.get(), fetched);
      if (context.swap(ref, mine, next)) {
        queue.ifPresent(q -> q.enqueue(List.of(ref)));
        record(ref, SyncResult.Status.MERGED, next,
            "local commits replayed onto the remote's; queued for push");
        return;
      }
    }
    record(ref, SyncResult.Status.REJECTED, context.local(ref).orElse(ObjectId.zeroId()),
        "the local ref kept moving; not promoted after " + context.maxAttempts + " attempts");
  }

  private ObjectId fetchOne(String ref) throws IOException {
    Map<String, String> temporary = context.fetchToTemporary(List.of(ref));
    return context.local(Objects.requireNonNull(temporary.get(ref),
          "each fetched ref has its temporary ref")).orElseThrow(() -> new CheckpointStorageException(
        "fetch of " + ref + " from " + context.transport.remote() + " left no temporary ref",
        null));
  }

  /**
   * Replays the commits of {@code local} that {@code remote} lacks onto {@code remote}, oldest
   * first: each commit's change against its parent (an orphan's against the empty tree) is merged
   * into the growing remote line session by session ({@link SessionMerge}). A commit that changes
   * nothing there is skipped. Author and message are kept; the committer is the configured
   * identity at the sync's clock.
   *
   * @return the new tip (objects flushed)
   */
  ObjectId replay(Repository repository, CheckpointId id, ObjectId local, ObjectId remote)
      throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      walk.setRevFilter(RevFilter.NO_MERGES);
      walk.markStart(walk.parseCommit(local));
      walk.markUninteresting(walk.parseCommit(remote));
      for (RevCommit commit : walk) {
        walk.parseBody(commit);
        commits.add(commit);
      }
    }
    PersonIdent committer = V1Replay.committer(repository, context.clock);
    ObjectId tip = remote.copy();
    String ref = RefNames.checkpointRef(id);
    try (RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId tipTree = walk.parseCommit(remote).getTree().copy();
      for (RevCommit commit : commits) {
        Optional<ObjectId> base = commit.getParentCount() == 0 ? Optional.empty()
            : Optional.of(walk.parseCommit(commit.getParent(0)).getTree().copy());
        ObjectId merged = SessionMerge.merge(reader, inserter, id, base,
            commit.getTree().copy(), tipTree, ref, CheckpointFiles::absoluteAtRoot);
        if (merged.equals(tipTree)) {
          continue;
        }
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(merged);
        builder.setParentId(tip);
        builder.setAuthor(commit.getAuthorIdent());
        builder.setCommitter(committer);
        builder.setEncoding(commit.getEncoding());
        builder.setMessage(commit.getFullMessage());
        tip = inserter.insert(builder);
        tipTree = merged;
      }
      inserter.flush();
    }
    return tip;
  }

  private void confirm(Map<String, ObjectId> landed) {
    if (queue.isEmpty() || landed.isEmpty()) {
      return;
    }
    queue.get().removeIf(ref -> landed.containsKey(ref)
        && localQuietly(ref).map(landed.get(ref)::equals).orElse(true));
  }

  private Optional<ObjectId> localQuietly(String ref) {
    try {
      return context.local(ref);
    } catch (IOException e) {
      throw new CheckpointStorageException("reading " + ref + " failed: " + e.getMessage(), e);
    }
  }

  private boolean isAncestor(ObjectId ancestor, ObjectId descendant) throws IOException {
    if (!context.repository.getObjectDatabase().has(descendant)) {
      return false; // a remote commit not fetched yet descends from nothing we can tell
    }
    return Ancestry.isAncestor(context.repository, ancestor, descendant);
  }

  private void record(String ref, SyncResult.Status status, ObjectId commit, String detail) {
    outcomes.add(SyncContext.outcome(ref, status, Optional.of(commit), detail));
  }
}
