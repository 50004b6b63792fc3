package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.WriteRequestBuilder;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Brings the v2 layout of a dual write up to v1 (docs/checkpoint-format.md#dual-write-convergence).
 *
 * <p>A checkpoint is compared session by session (matched by session id): v2 must hold each of
 * v1's sessions with the same transcript. A repair writes each session that is absent or differs
 * to v2 from what v1 stores (its metadata, prompts, context and transcript, already redacted:
 * nothing is redacted again), through the ordinary v2 write, so the repaired session lands
 * atomically on {@code /main} and {@code /full/current} like any other; sessions are repaired in
 * v1 slot order. Repairing is idempotent: a session equal on both is never rewritten, so a second
 * {@link #reconcile()} writes nothing.
 *
 * <p>The marker. The local ref {@value RefNames#V2_RECONCILED} points at the last v1 commit up to
 * which v2 was verified. {@link #reconcile()} compares every v1 checkpoint and then moves the
 * marker to the v1 tip it started from. {@link #catchUp()}, run after each dual write, takes the
 * v1 commit {@value #SETTLE_COMMITS} first-parent steps behind the tip (the latest commits' own
 * writers may be about to write v2; repairing them too made 8 racing writers write v2 twice),
 * diffs the marker's tree with that commit's (cost proportional to the shards that changed, not
 * to the number of checkpoints), compares only the checkpoints that changed, repairs those
 * behind, and moves the marker to that commit by compare-and-swap; when more than {@value
 * #MAX_CATCH_UP} checkpoints changed (or there is no marker and v1 held more than that), it does
 * nothing but say so, and {@link #reconcile()} is needed. The marker never leaves the repository: it is
 * outside the namespaces a sync pushes. Thread-safe.
 */
final class V2Convergence {
  /** The most checkpoints one write's catch-up compares. */
  static final int MAX_CATCH_UP = 16;
  /** How many of the latest v1 commits a catch-up leaves to their own writers. */
  static final int SETTLE_COMMITS = 8;

  private final Repository repository;
  private final StoreSettings settings;
  private final RefCas refCas;
  private final V1CheckpointStore v1;
  private final V2CheckpointStore v2;
  private final System.Logger logger;

  V2Convergence(Repository repository, StoreSettings settings, RefCas refCas,
      V1CheckpointStore v1, V2CheckpointStore v2, System.Logger logger) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
    this.v1 = Objects.requireNonNull(v1, "v1");
    this.v2 = Objects.requireNonNull(v2, "v2");
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** How a checkpoint compares. */
  private enum Status { SAME, MISSING, DIFFERING }

  /** {@return how far v2 is behind v1 now, comparing every v1 checkpoint} */
  V2Lag lag() {
    return lagOf(v1.list().stream().map(CheckpointListEntry::checkpointId).toList());
  }

  /**
   * Compares every v1 checkpoint with v2, repairs those behind, and moves the marker to the v1
   * tip read first.
   *
   * @return what was behind (and is repaired now); {@link V2Lag#upToDate()} when nothing was
   * @throws CheckpointException when a repair fails; what was repaired before it stays
   */
  V2Lag reconcile() {
    Optional<ObjectId> marker = currentId(RefNames.V2_RECONCILED);
    Optional<ObjectId> tip = currentId(RefNames.V1_BRANCH);
    V2Lag lag = lag();
    repair(lag);
    tip.ifPresent(t -> moveMarker(marker, t));
    return lag;
  }

  /**
   * The bounded catch-up after a dual write: compares the checkpoints v1 changed since the marker
   * and repairs those behind. Throws nothing the caller must handle beyond what a v2 write
   * throws; the caller logs it.
   */
  void catchUp() {
    Optional<ObjectId> marker = currentId(RefNames.V2_RECONCILED);
    Optional<ObjectId> tip = currentId(RefNames.V1_BRANCH);
    if (tip.isEmpty()) {
      return;
    }
    Optional<ObjectId> settled = settled(tip.get(), marker);
    if (settled.isEmpty()) {
      return;
    }
    Optional<List<CheckpointId>> changed = changedSince(marker, settled.get());
    if (changed.isEmpty()) {
      logger.log(Level.INFO, () -> "v2 catch-up skipped: more than " + MAX_CATCH_UP
          + " checkpoints changed on " + RefNames.V1_BRANCH + " since "
          + marker.map(ObjectId::name).orElse("the start (no " + RefNames.V2_RECONCILED + ")")
          + "; reconcile() brings v2 up to v1");
      return;
    }
    repair(lagOf(changed.get()));
    moveMarker(marker, settled.get());
  }

  /**
   * The v1 commit a catch-up verifies up to: {@value #SETTLE_COMMITS} first-parent steps behind
   * the tip, so that the checkpoints of the latest v1 commits, whose writers may still be about to
   * write them to v2, are left to those writers instead of being written twice; empty when the
   * history is shorter, or the marker is already at or past that commit.
   */
  private Optional<ObjectId> settled(ObjectId tip, Optional<ObjectId> marker) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(tip);
      for (int step = 0; step < SETTLE_COMMITS; step++) {
        if (marker.isPresent() && commit.equals(marker.get())) {
          return Optional.empty();
        }
        if (commit.getParentCount() == 0) {
          return Optional.empty();
        }
        commit = walk.parseCommit(commit.getParent(0));
      }
      return marker.isPresent() && commit.equals(marker.get())
          ? Optional.empty() : Optional.of(commit.copy());
    } catch (IOException e) {
      throw new CheckpointStorageException("walking " + RefNames.V1_BRANCH + " from "
          + tip.name() + " failed: " + e.getMessage(), e);
    }
  }

  private V2Lag lagOf(List<CheckpointId> ids) {
    List<CheckpointId> missing = new ArrayList<>();
    List<CheckpointId> differing = new ArrayList<>();
    for (CheckpointId id : new TreeSet<>(ids)) {
      Status status = compare(id);
      if (status == Status.MISSING) {
        missing.add(id);
      } else if (status == Status.DIFFERING) {
        differing.add(id);
      }
    }
    return new V2Lag(missing, differing);
  }

  private Status compare(CheckpointId id) {
    Optional<CheckpointSummary> summary = v1.readSummary(id);
    if (summary.isEmpty()) {
      return Status.SAME;
    }
    if (!v2.contains(id)) {
      return Status.MISSING;
    }
    for (SessionPaths paths : summary.get().sessions()) {
      Optional<SessionContent> fromV1 = v1.readSession(id, paths.slot());
      if (fromV1.isEmpty() || fromV1.get().transcriptNotAvailable().isPresent()) {
        continue; // nothing v1 could copy
      }
      if (behind(id, fromV1.get())) {
        return Status.DIFFERING;
      }
    }
    return Status.SAME;
  }

  private boolean behind(CheckpointId id, SessionContent fromV1) {
    Optional<SessionContent> fromV2 = v2.readSession(id, fromV1.metadata().sessionId());
    return fromV2.isEmpty() || !fromV2.get().transcript().equals(fromV1.transcript());
  }

  private void repair(V2Lag lag) {
    List<CheckpointId> ids = new ArrayList<>(lag.missing());
    ids.addAll(lag.differing());
    for (CheckpointId id : ids) {
      Optional<CheckpointSummary> summary = v1.readSummary(id);
      if (summary.isEmpty()) {
        continue;
      }
      for (SessionPaths paths : summary.get().sessions()) {
        Optional<SessionContent> fromV1 = v1.readSession(id, paths.slot());
        if (fromV1.isPresent() && fromV1.get().transcriptNotAvailable().isEmpty()
            && behind(id, fromV1.get())) {
          copy(id, summary.get(), fromV1.get());
        }
      }
      logger.log(Level.DEBUG, () -> "v2 caught up with v1 on checkpoint " + id);
    }
  }

  /** Writes one v1 session to v2 as v1 stores it, already redacted. */
  private void copy(CheckpointId id, CheckpointSummary summary, SessionContent session) {
    SessionMetadata metadata = session.metadata();
    // A summary written by another tool may lack a strategy, which a request must name.
    String strategy = !summary.strategy().isEmpty() ? summary.strategy()
        : !metadata.strategy().isEmpty() ? metadata.strategy() : WriteRequest.MANUAL_COMMIT;
    WriteRequestBuilder request = WriteRequest.builder(id, metadata.sessionId())
        .strategy(strategy).branch(summary.branch());
    if (!metadata.kind().isEmpty()) {
      request.review(metadata.kind(), metadata.reviewSkills(), metadata.reviewPrompt());
    }
    v2.write(request.build(), prepared(id, session));
  }

  private PreparedSession prepared(CheckpointId id, SessionContent session) {
    try (ObjectInserter inserter = settings.newInserter(repository)) {
      Optional<TranscriptBlobs> transcript = session.transcript().isEmpty() ? Optional.empty()
          : Optional.of(TranscriptBlobs.insert(inserter, session.transcript().bytes(),
              settings.maxChunkBytes()));
      Optional<ObjectId> prompts = session.prompts().isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter, Prompts.join(session.prompts())));
      Optional<ObjectId> context = session.context().isEmpty() ? Optional.empty()
          : Optional.of(Blobs.insert(inserter,
              session.context().get().getBytes(StandardCharsets.UTF_8)));
      inserter.flush();
      return new PreparedSession(session.metadata(), prompts, transcript, context);
    } catch (IOException e) {
      throw new CheckpointStorageException("copying checkpoint " + id + " session "
          + session.sessionIndex() + " from " + RefNames.V1_BRANCH + " to v2 failed: "
          + e.getMessage(), e);
    }
  }

  /**
   * The checkpoints whose directories differ between the marker's tree and the tip's; empty when
   * there are more than {@link #MAX_CATCH_UP}.
   */
  private Optional<List<CheckpointId>> changedSince(Optional<ObjectId> marker, ObjectId tip) {
    try (ObjectReader objects = repository.newObjectReader();
        RevWalk walk = new RevWalk(objects);
        TreeWalk diff = new TreeWalk(objects)) {
      if (marker.isPresent()) {
        diff.addTree(walk.parseCommit(marker.get()).getTree());
      } else {
        diff.addTree(new EmptyTreeIterator());
      }
      diff.addTree(walk.parseCommit(tip).getTree());
      diff.setFilter(TreeFilter.ANY_DIFF);
      diff.setRecursive(false);
      List<CheckpointId> changed = new ArrayList<>();
      while (diff.next()) {
        if (diff.getDepth() == 0) {
          if (diff.isSubtree() && diff.getNameString().length() == 2) {
            diff.enterSubtree();
          }
          continue;
        }
        Optional<CheckpointId> id = idOf(diff.getPathString());
        if (id.isPresent()) {
          changed.add(id.get());
          if (changed.size() > MAX_CATCH_UP) {
            return Optional.empty();
          }
        }
      }
      return Optional.of(changed);
    } catch (IOException e) {
      throw new CheckpointStorageException("comparing " + RefNames.V1_BRANCH + " at "
          + tip.name() + " with " + RefNames.V2_RECONCILED + " failed: " + e.getMessage(), e);
    }
  }

  private static Optional<CheckpointId> idOf(String shardedPath) {
    try {
      return Optional.of(CheckpointId.parse(shardedPath.replace("/", "")));
    } catch (IllegalArgumentException | CheckpointException notACheckpoint) {
      return Optional.empty();
    }
  }

  /** Moves the marker forward from what was read; a lost race leaves the other writer's. */
  private void moveMarker(Optional<ObjectId> from, ObjectId to) {
    if (!refCas.compareAndSwap(RefNames.V2_RECONCILED, from, to)) {
      logger.log(Level.DEBUG, () -> RefNames.V2_RECONCILED + " moved meanwhile; left as is");
    }
  }

  private Optional<ObjectId> currentId(String ref) {
    try {
      return refCas.currentId(ref);
    } catch (IOException e) {
      throw new CheckpointStorageException("reading " + ref + " failed: " + e.getMessage(), e);
    }
  }
}
