package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CommitId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link CheckpointSync} call did, one {@link RefOutcome} per checkpoint ref it handled,
 * in the order it handled them. Immutable and thread-safe.
 *
 * @param refs the outcome of each ref
 */
public record SyncResult(List<RefOutcome> refs) {

  /**
   * Copies the list.
   *
   * @param refs the outcome of each ref
   */
  public SyncResult {
    refs = List.copyOf(refs);
  }

  /**
   * Finds the outcome of a ref.
   *
   * @param ref the full ref name, such as {@code refs/heads/entire/checkpoints/v1}
   * @return the last outcome recorded for that ref, empty when the call did not handle it
   */
  public Optional<RefOutcome> forRef(String ref) {
    Optional<RefOutcome> found = Optional.empty();
    for (RefOutcome outcome : refs) {
      if (outcome.ref().equals(ref)) {
        found = Optional.of(outcome);
      }
    }
    return found;
  }

  /** {@return whether no ref was rejected} */
  public boolean allSucceeded() {
    return refs.stream().noneMatch(r -> r.status() == Status.REJECTED);
  }

  /** What happened to one ref. */
  public enum Status {
    /** Push: the remote ref was created or moved to the local tip. */
    PUSHED,
    /** Push or fetch: both sides already held the same commit (or the remote lacked nothing). */
    UP_TO_DATE,
    /** Push: the remote had moved on; local work was reconciled with it and then pushed. */
    RECOVERED,
    /** Push or fetch: the ref was left as it was; {@link RefOutcome#detail()} says why. */
    REJECTED,
    /** Fetch: the local ref was created or fast-forwarded to the remote's commit. */
    FETCHED,
    /** Fetch: both sides had diverged; the local ref moved to a commit that holds both. */
    MERGED,
    /** Fetch: the local ref already contained the remote's commit and was left alone. */
    LOCAL_AHEAD
  }

  /**
   * The outcome of one ref.
   *
   * @param ref the full ref name
   * @param status what happened
   * @param commit the commit the ref points at afterwards (remote side for a push, local side
   *     for a fetch); empty when it is unknown, for example after a rejection
   * @param detail a human-readable explanation, empty when the status says it all
   */
  public record RefOutcome(String ref, Status status, Optional<CommitId> commit, String detail) {

    /**
     * Rejects nulls.
     *
     * @param ref the full ref name
     * @param status what happened
     * @param commit the commit the ref points at afterwards, if known
     * @param detail a human-readable explanation, possibly empty
     */
    public RefOutcome {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
