package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionSlotConflictException;
import java.io.IOException;
import java.util.Optional;

/**
 * Chooses the session slot of a checkpoint that a write or an update goes to
 * (docs/checkpoint-format.md#writes-and-updates). Stateless; shared by the v1 and v2 {@code /main}
 * writers.
 */
final class SessionSlots {
  private SessionSlots() {}

  /**
   * The slot for a write: the slot whose metadata names the session, else the next after the
   * summary's sessions (slot 0 when there is no readable summary). Refuses to put the session in
   * slot 0 when slot 0 belongs to another session.
   *
   * @throws SessionSlotConflictException when slot 0 belongs to another session
   */
  static int forWrite(CheckpointDirectory dir, Optional<CheckpointSummary> summary,
      AgentSessionId session, String ref) throws IOException {
    int slot = 0;
    if (summary.isPresent()) {
      int count = summary.get().sessions().size();
      slot = count;
      for (int i = 0; i < count; i++) {
        Optional<SessionMetadata> metadata = readQuietly(dir, i);
        if (metadata.isPresent() && metadata.get().sessionId().equals(session)) {
          slot = i;
          break;
        }
      }
    }
    if (slot == 0) {
      Optional<SessionMetadata> owner = readQuietly(dir, 0);
      if (owner.isPresent() && !owner.get().sessionId().equals(session)) {
        throw new SessionSlotConflictException(dir.id(), owner.get().sessionId(), session, ref);
      }
    }
    return slot;
  }

  /**
   * The slot for an update: the first slot whose metadata names the session, else the latest.
   *
   * @param count the number of sessions in the summary, at least 1
   */
  static int forUpdate(CheckpointDirectory dir, int count, AgentSessionId session)
      throws IOException {
    for (int i = 0; i < count; i++) {
      Optional<SessionMetadata> metadata = readQuietly(dir, i);
      if (metadata.isPresent() && metadata.get().sessionId().equals(session)) {
        return i;
      }
    }
    return count - 1;
  }

  /** Reads a slot's metadata; a damaged file counts as absent here (slot choice is best effort). */
  private static Optional<SessionMetadata> readQuietly(CheckpointDirectory dir, int slot)
      throws IOException {
    try {
      return dir.sessionMetadata(slot);
    } catch (CorruptCheckpointException e) {
      return Optional.empty();
    }
  }
}
