package io.github.agentledger.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * Stores committed checkpoints: what an agent did for a code commit (metadata, prompts, the full
 * transcript), one session slot per agent session.
 *
 * <p>Implementations are safe for use by several threads at once, and several processes may write
 * the same store: no write ever loses another's checkpoint. Bad input is rejected with an
 * {@link InvalidCheckpointRequestException} (or another {@link CheckpointException}) before
 * anything is stored.
 */
public interface CheckpointStore {

  /**
   * Generates a fresh checkpoint id from the store's random source (cryptographically secure
   * unless a test injected another). The id is not reserved: it names nothing until written.
   *
   * @return a new id
   */
  CheckpointId newCheckpointId();

  /**
   * Writes one session of a checkpoint. The slot is the one this session already owns, else one
   * past the highest slot in use; a write never deletes or replaces another session's files, and
   * a reused slot is cleared first (no stale file survives). The checkpoint summary is
   * re-aggregated from every slot, keeping what this library does not model.
   *
   * @param request what to write
   * @return the slot number the session was written to (slots need not be dense)
   * @throws SessionSlotConflictException if the write would overwrite another session's slot
   * @throws ConcurrentCheckpointUpdateException if other writers kept winning the race
   * @throws CheckpointException if the store fails
   */
  int write(WriteRequest request);

  /**
   * Finalises a checkpoint: replaces the transcript and/or prompts of the slot the request's
   * session owns; metadata and summary are untouched.
   *
   * @param request what to replace
   * @throws CheckpointNotFoundException if the checkpoint or its sessions do not exist
   * @throws SessionNotInCheckpointException if no slot belongs to the request's session
   * @throws CheckpointException if the store fails
   */
  void update(UpdateRequest request);

  /**
   * Sets the AI summary of the latest session (the highest slot number) of a checkpoint (redacted before it is stored).
   *
   * @param checkpointId the checkpoint
   * @param summary the summary
   * @throws CheckpointNotFoundException if the checkpoint or its sessions do not exist
   * @throws CheckpointException if the store fails
   */
  void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary);

  /**
   * Reads the summary of a checkpoint, with one session per slot the checkpoint holds (also slots
   * the stored summary does not list), by slot number.
   *
   * @param checkpointId the checkpoint
   * @return the summary, or empty when the checkpoint does not exist
   * @throws CheckpointException if the stored summary is damaged or the store fails
   */
  Optional<CheckpointSummary> readSummary(CheckpointId checkpointId);

  /**
   * Reads the head of a checkpoint's summary: every aggregate field, the first
   * {@code maxSessions} sessions by slot number (each as {@link #readSummary} reports it) and the
   * number of sessions in all. A store reading stored files decodes only the sessions it returns
   * and counts the others, so the cost follows {@code maxSessions}, not the size of the
   * checkpoint; the head of a checkpoint is {@code CheckpointSummaryHead.of(readSummary(id),
   * maxSessions)}, which is what this default returns.
   *
   * @param checkpointId the checkpoint
   * @param maxSessions how many sessions to return at most, not negative
   * @return the head, or empty when the checkpoint does not exist
   * @throws InvalidCheckpointRequestException if {@code maxSessions} is negative
   * @throws CheckpointException if the stored summary is damaged or the store fails
   */
  default Optional<CheckpointSummaryHead> readSummaryHead(CheckpointId checkpointId,
      int maxSessions) {
    if (maxSessions < 0) {
      throw new InvalidCheckpointRequestException("maxSessions",
          Integer.toString(maxSessions), "must not be negative");
    }
    return readSummary(checkpointId).map(s -> CheckpointSummaryHead.of(s, maxSessions));
  }

  /**
   * Reads one session of a checkpoint by slot number. A transcript whose stored object is not
   * available locally is reported by {@link SessionContent#transcriptNotAvailable()}, not by an
   * exception.
   *
   * @param checkpointId the checkpoint
   * @param sessionIndex the slot number (the name of the slot directory)
   * @return the session, or empty when the checkpoint or slot does not exist
   * @throws CheckpointException if the stored data is damaged or the store fails
   */
  Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex);

  /**
   * Reads the session of a checkpoint whose metadata names {@code sessionId}, searching every
   * slot (the lowest slot number when several do).
   *
   * @param checkpointId the checkpoint
   * @param sessionId the session
   * @return the session, or empty when the checkpoint or such a session does not exist
   * @throws CheckpointException if the stored data is damaged or the store fails
   */
  Optional<SessionContent> readSession(CheckpointId checkpointId, AgentSessionId sessionId);

  /**
   * Reads the latest session of a checkpoint: the highest slot number (the most recently added
   * session).
   *
   * @param checkpointId the checkpoint
   * @return the session, or empty when the checkpoint does not exist or has no session
   * @throws CheckpointException if the stored data is damaged or the store fails
   */
  Optional<SessionContent> readLatestSession(CheckpointId checkpointId);

  /**
   * Lists every checkpoint, newest first (by the creation time of its latest session; entries
   * whose time cannot be read come last).
   *
   * @return the entries
   * @throws CheckpointException if the store fails
   */
  List<CheckpointListEntry> list();

  /**
   * Lists every checkpoint as {@link #list()} does, and reports what could not be read: a
   * missing or damaged object costs only the checkpoints it holds, and each is named with the
   * reason. {@link #list()} returns {@link ListedCheckpoints#entries()} of this listing, so a
   * caller that must not miss damage calls this instead. The default, for stores that cannot be
   * partly damaged, reports nothing unreadable.
   *
   * @return the listed checkpoints and the unreadable ones
   * @throws CheckpointException if the store fails as a whole (its ref cannot be read at all)
   */
  default ListedCheckpoints listing() {
    return new ListedCheckpoints(list(), List.of());
  }

  /**
   * Finds who wrote a checkpoint: the author of the newest commit that wrote it.
   *
   * @param checkpointId the checkpoint
   * @return the author, or empty when no such commit exists
   * @throws CheckpointException if the store fails
   */
  Optional<Author> checkpointAuthor(CheckpointId checkpointId);

  /**
   * Reads the checkpoint ids that a code commit links to through its {@code Entire-Checkpoint:}
   * trailers: all of them, without duplicates, in order.
   *
   * @param commit the code commit
   * @return the ids, possibly none
   * @throws CommitNotFoundException if the commit does not exist
   * @throws CheckpointException if the store fails
   */
  List<CheckpointId> linkedCheckpoints(CommitId commit);
}
