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
   * Writes one session of a checkpoint. The slot is the one this session already owns, else the
   * next free one; a reused slot is cleared first (no stale file survives). The checkpoint summary
   * is re-aggregated from every slot.
   *
   * @param request what to write
   * @return the slot index the session was written to (0-based)
   * @throws SessionSlotConflictException if the write would overwrite another session in slot 0
   * @throws ConcurrentCheckpointUpdateException if other writers kept winning the race
   * @throws CheckpointException if the store fails
   */
  int write(WriteRequest request);

  /**
   * Finalises a checkpoint: replaces the transcript and/or prompts of one session slot; metadata
   * and summary are untouched.
   *
   * @param request what to replace
   * @throws CheckpointNotFoundException if the checkpoint or its sessions do not exist
   * @throws CheckpointException if the store fails
   */
  void update(UpdateRequest request);

  /**
   * Sets the AI summary of the latest session of a checkpoint (redacted before it is stored).
   *
   * @param checkpointId the checkpoint
   * @param summary the summary
   * @throws CheckpointNotFoundException if the checkpoint or its sessions do not exist
   * @throws CheckpointException if the store fails
   */
  void updateSessionSummary(CheckpointId checkpointId, SessionSummary summary);

  /**
   * Reads the summary of a checkpoint.
   *
   * @param checkpointId the checkpoint
   * @return the summary, or empty when the checkpoint does not exist
   * @throws CheckpointException if the stored summary is damaged or the store fails
   */
  Optional<CheckpointSummary> readSummary(CheckpointId checkpointId);

  /**
   * Reads one session of a checkpoint by slot index.
   *
   * @param checkpointId the checkpoint
   * @param sessionIndex the slot index, 0-based
   * @return the session, or empty when the checkpoint or slot does not exist
   * @throws CheckpointException if the stored data is damaged or the store fails
   */
  Optional<SessionContent> readSession(CheckpointId checkpointId, int sessionIndex);

  /**
   * Reads the first session of a checkpoint whose metadata names {@code sessionId}.
   *
   * @param checkpointId the checkpoint
   * @param sessionId the session
   * @return the session, or empty when the checkpoint or such a session does not exist
   * @throws CheckpointException if the stored data is damaged or the store fails
   */
  Optional<SessionContent> readSession(CheckpointId checkpointId, AgentSessionId sessionId);

  /**
   * Reads the latest session of a checkpoint: the highest slot index (the most recently added
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
