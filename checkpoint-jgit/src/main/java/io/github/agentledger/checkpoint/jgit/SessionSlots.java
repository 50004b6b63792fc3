package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.SessionNotInCheckpointException;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Chooses the session slot of a checkpoint that a write or an update goes to. Slots are
 * directories, not array indexes (docs/checkpoint-format.md#real-repositories): a checkpoint may
 * hold {@code 0/}, {@code 2/} and {@code 3/}, and its summary may list fewer sessions than there
 * are directories. So a session is
 * found by the {@code session_id} in every slot directory's metadata, and a new session goes one
 * past the highest directory: never into a directory another session owns. This replaces the
 * Entire CLI's rule ("the summary's array index, else append at its length"), which
 * on such checkpoints writes over another session; its refusal to overwrite slot 0 can then no
 * longer trigger. Stateless; shared by the v1 and v2 {@code /main} writers.
 */
final class SessionSlots {
  private SessionSlots() {}

  /**
   * The slot for a write: the slot whose metadata names the session, else one past the highest
   * slot directory (0 when there is none).
   */
  static int forWrite(CheckpointDirectory dir, AgentSessionId session) throws IOException {
    OptionalInt owned = dir.slotOf(session);
    if (owned.isPresent()) {
      return owned.getAsInt();
    }
    TreeSet<Integer> slots = dir.slots();
    return slots.isEmpty() ? 0 : slots.last() + 1;
  }

  /**
   * The slot for an update: the slot whose metadata names the session.
   *
   * @throws SessionNotInCheckpointException when no slot belongs to the session (the reference
   *     would finalise the latest slot, replacing another session's transcript)
   */
  static int forUpdate(CheckpointDirectory dir, AgentSessionId session, String ref)
      throws IOException {
    OptionalInt owned = dir.slotOf(session);
    if (owned.isEmpty()) {
      throw new SessionNotInCheckpointException(dir.id(), session, ref);
    }
    return owned.getAsInt();
  }
}
