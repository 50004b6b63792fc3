package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.UnreadableCheckpoint;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.lang.System.Logger.Level;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import java.util.ArrayList;
import java.util.function.Function;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The v1 and v2 stores side by side (docs/checkpoint-format.md#choosing-a-layout), in one of two
 * modes.
 *
 * <ul>
 *   <li>{@link CheckpointLayout#DUAL_WRITE}: v1 is the source of truth. Each write and update
 *       goes to v1 first (its failure is the caller's failure), then to v2 best-effort: a v2
 *       failure is logged with the checkpoint id, never thrown. What both layouts store alike is
 *       prepared once: the transcript, prompts and summary are redacted once, and a write's
 *       transcript and prompt blobs inserted once ({@link PreparedSession}) and placed in both.
 *       After each write a bounded catch-up ({@link V2Convergence#catchUp()}) repairs what v2
 *       missed among the checkpoints v1 changed since the last verified commit; {@link
 *       #reconcile()} compares and repairs everything.
 *   <li>{@link CheckpointLayout#V2_ONLY}: writes and updates go to v2 only; v1 is read, never
 *       written.
 * </ul>
 *
 * <p>In both modes reads prefer v2 when it has the checkpoint and fall back to v1 (a v2 miss, a
 * v2 error, or a v2 session without the transcript v1 has); the listing is every v2 entry plus
 * the v1 entries whose ids v2 does not have, newest first. Missing archived generations are
 * fetched (when configured) only after both v2 and v1 came up without the session's transcript.
 * Thread-safe.
 */
final class LayeredCheckpointStore implements CheckpointStore {
  private final CheckpointLayout mode;
  private final V1CheckpointStore v1;
  private final V2CheckpointStore v2;
  private final System.Logger logger;
  private final Optional<MissingArchiveFetch> archives;
  private final V2Convergence convergence;

  /**
   * Creates the store.
   *
   * @param v2 the v2 store, reading locally only
   * @param archives where a session that neither store holds a transcript for, but whose metadata
   *     is on v2 {@code /main}, fetches the missing archived generations from; empty to read
   *     locally only
   * @param convergence brings v2 up to v1 (used in {@link CheckpointLayout#DUAL_WRITE})
   */
  LayeredCheckpointStore(CheckpointLayout mode, V1CheckpointStore v1, V2CheckpointStore v2,
      System.Logger logger, Optional<MissingArchiveFetch> archives, V2Convergence convergence) {
    if (mode != CheckpointLayout.DUAL_WRITE && mode != CheckpointLayout.V2_ONLY) {
      throw new IllegalArgumentException("mode must be DUAL_WRITE or V2_ONLY, got " + mode);
    }
    this.mode = mode;
    this.v1 = Objects.requireNonNull(v1, "v1");
    this.v2 = Objects.requireNonNull(v2, "v2");
    this.logger = Objects.requireNonNull(logger, "logger");
    this.archives = Objects.requireNonNull(archives, "archives");
    this.convergence = Objects.requireNonNull(convergence, "convergence");
  }

  /** {@return how far v2 is behind v1; no lag outside {@link CheckpointLayout#DUAL_WRITE}} */
  V2Lag v2Lag() {
    return mode == CheckpointLayout.DUAL_WRITE ? convergence.lag() : V2Lag.none();
  }

  /** {@return what v2 lacked and now holds; nothing outside {@link CheckpointLayout#DUAL_WRITE}} */
  V2Lag reconcile() {
    return mode == CheckpointLayout.DUAL_WRITE ? convergence.reconcile() : V2Lag.none();
  }

  V2CheckpointStore v2() {
    return v2;
  }

  @Override
  public CheckpointId newCheckpointId() {
    return v2.newCheckpointId();
  }

  @Override
  public int write(WriteRequest request) {
    Objects.requireNonNull(request, "request");
    if (mode == CheckpointLayout.V2_ONLY) {
      return v2.write(request);
    }
    // Redacted and inserted once, placed in both layouts: only metadata.json differs.
    PreparedSession prepared = v1.prepare(request);
    int slot = v1.write(request, prepared);
    bestEffort("write", request.checkpointId(), () -> v2.write(request, prepared));
    // Whatever v2 missed before (a crash, a failure) since the last verified v1 commit.
    bestEffort("catch-up", request.checkpointId(), convergence::catchUp);
    return slot;
  }

  @Override
  public void update(UpdateRequest request) {
    Objects.requireNonNull(request, "request");
    if (mode == CheckpointLayout.V2_ONLY) {
      v2.update(request);
      return;
    }
    RedactedUpdate redacted = v1.redact(request);
    v1.update(request, redacted);
    bestEffort("update", request.checkpointId(), () -> v2.update(request, redacted));
  }

  @Override
  public void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    if (mode == CheckpointLayout.V2_ONLY) {
      v2.updateSessionSummary(checkpointId, summary);
      return;
    }
    SessionSummary redacted = v1.redact(summary);
    v1.updateRedactedSummary(checkpointId, redacted);
    bestEffort("summary update", checkpointId,
        () -> v2.updateRedactedSummary(checkpointId, redacted));
  }

  /**
   * Re-aggregates the summary on each ref of the layouts this mode writes that holds the
   * checkpoint (v1 then v2 {@code /main} for a dual write, {@code /main} only for v2-only), each
   * its own commit.
   *
   * @throws CheckpointNotFoundException when neither holds it
   */
  List<SummaryRepair> reaggregateSummary(CheckpointId checkpointId) {
    Objects.requireNonNull(checkpointId, "checkpointId");
    if (mode == CheckpointLayout.V2_ONLY) {
      return v2.reaggregateSummary(checkpointId);
    }
    List<SummaryRepair> done = new ArrayList<>();
    Optional<CheckpointNotFoundException> notFound = Optional.empty();
    for (Function<CheckpointId, List<SummaryRepair>> layout
        : List.<Function<CheckpointId, List<SummaryRepair>>>of(
            v1::reaggregateSummary, v2::reaggregateSummary)) {
      try {
        done.addAll(layout.apply(checkpointId));
      } catch (CheckpointNotFoundException e) {
        notFound = Optional.of(e);
      }
    }
    if (done.isEmpty() && notFound.isPresent()) {
      throw notFound.get();
    }
    return done;
  }

  @Override
  public Optional<CheckpointSummary> readSummary(CheckpointId checkpointId) {
    Optional<CheckpointSummary> fromV2 = fromV2("summary", checkpointId,
        () -> v2.readSummary(checkpointId));
    return fromV2.isPresent() ? fromV2 : v1.readSummary(checkpointId);
  }

  @Override
  public Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    int max = SummaryHeads.checkedMax(maxSessions);
    Optional<CheckpointSummaryHead> fromV2 = fromV2("summary", checkpointId,
        () -> v2.readSummaryHead(checkpointId, max));
    return fromV2.isPresent() ? fromV2 : v1.readSummaryHead(checkpointId, max);
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex) {
    return preferV2(checkpointId, () -> v2.readSession(checkpointId, sessionIndex),
        () -> v1.readSession(checkpointId, sessionIndex));
  }

  @Override
  public Optional<SessionContent> readSession(CheckpointId checkpointId,
      AgentSessionId sessionId) {
    return preferV2(checkpointId, () -> v2.readSession(checkpointId, sessionId),
        () -> v1.readSession(checkpointId, sessionId));
  }

  @Override
  public Optional<SessionContent> readLatestSession(CheckpointId checkpointId) {
    return preferV2(checkpointId, () -> v2.readLatestSession(checkpointId),
        () -> v1.readLatestSession(checkpointId));
  }

  @Override
  public List<CheckpointListEntry> list() {
    return listing().entries();
  }

  /**
   * Merges the v2 listing (a v2 entry wins for an id both hold) with v1's. A v2 ref that cannot
   * be listed at all is logged and reported as unreadable; v1 failing as a whole fails the call.
   */
  @Override
  public ListedCheckpoints listing() {
    List<UnreadableCheckpoint> unreadable = new ArrayList<>();
    ListedCheckpoints fromV2;
    try {
      fromV2 = v2.listing();
    } catch (CheckpointException e) {
      logger.log(Level.WARNING, "listing v2 checkpoints failed; listing v1 only: "
          + e.getMessage(), e);
      fromV2 = new ListedCheckpoints(List.of(), List.of(new UnreadableCheckpoint(
          RefNames.V2_MAIN, Optional.empty(), String.valueOf(e.getMessage()))));
    }
    ListedCheckpoints fromV1 = v1.listing();
    List<CheckpointListEntry> merged = new ArrayList<>(fromV2.entries());
    Set<CheckpointId> seen = new HashSet<>();
    merged.forEach(e -> seen.add(e.checkpointId()));
    for (CheckpointListEntry entry : fromV1.entries()) {
      if (seen.add(entry.checkpointId())) {
        merged.add(entry);
      }
    }
    merged.sort(CheckpointListing.NEWEST_FIRST);
    unreadable.addAll(fromV2.unreadable());
    unreadable.addAll(fromV1.unreadable());
    return new ListedCheckpoints(merged, unreadable);
  }

  @Override
  public Optional<Author> checkpointAuthor(CheckpointId checkpointId) {
    Optional<Author> fromV2 = fromV2("author", checkpointId,
        () -> v2.checkpointAuthor(checkpointId));
    return fromV2.isPresent() ? fromV2 : v1.checkpointAuthor(checkpointId);
  }

  @Override
  public List<CheckpointId> linkedCheckpoints(CommitId commit) {
    return v2.linkedCheckpoints(commit);
  }

  /**
   * The v2 session when v2 has it, except that a v2 session without transcript gives way to a v1
   * session with one: a v2 write whose {@code /full} part failed leaves {@code /main} without a
   * transcript. Without a v2 session, v1's. When v2 has the session and neither store has its
   * transcript, the missing archived generations are fetched (if configured) and v2 is read again,
   * so the network is touched only when nothing local can answer.
   */
  private Optional<SessionContent> preferV2(CheckpointId id,
      Supplier<Optional<SessionContent>> readV2, Supplier<Optional<SessionContent>> readV1) {
    Optional<SessionContent> v2Session = fromV2("session", id, readV2);
    if (v2Session.isPresent() && !v2Session.get().transcript().isEmpty()) {
      return v2Session;
    }
    Optional<SessionContent> v1Session = readV1.get();
    if (v2Session.isEmpty()) {
      return v1Session;
    }
    if (v1Session.isPresent() && !v1Session.get().transcript().isEmpty()) {
      return v1Session;
    }
    if (archives.isPresent()) {
      archives.get().fetchMissing();
      Optional<SessionContent> fetchedV2Session = fromV2("session", id, readV2);
      if (fetchedV2Session.isPresent()) {
        return fetchedV2Session;
      }
    }
    return v2Session;
  }

  private <T> Optional<T> fromV2(String what, CheckpointId id, Supplier<Optional<T>> read) {
    try {
      return read.get();
    } catch (CheckpointException e) {
      logger.log(Level.WARNING, "reading the " + what + " of checkpoint " + id + " from v2"
          + " failed; falling back to v1: " + e.getMessage(), e);
      return Optional.empty();
    }
  }


  private void bestEffort(String what, CheckpointId id, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "v2 " + what + " of checkpoint " + id + " failed; v1 holds it"
          + " and stays the source of truth: " + e.getMessage(), e);
    }
  }
}
