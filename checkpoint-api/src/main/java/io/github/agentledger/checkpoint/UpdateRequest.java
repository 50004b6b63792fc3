package io.github.agentledger.checkpoint;

import java.util.List;
import java.util.Objects;

/**
 * A request to finalise a committed checkpoint at the end of an agent turn: it replaces the
 * transcript (when not empty) and the prompts (when not empty) of one session slot, and nothing
 * else.
 *
 * <p>The slot is the one whose metadata names {@code sessionId}; when none does, the update is
 * refused ({@link SessionNotInCheckpointException}), never applied to another session's slot.
 * Immutable and thread-safe; the list is copied.
 *
 * @param checkpointId the checkpoint
 * @param sessionId the session whose slot is finalised
 * @param transcript the complete transcript, or empty to keep the stored one
 * @param prompts all prompts, or empty to keep the stored ones
 */
public record UpdateRequest(
    CheckpointId checkpointId, AgentSessionId sessionId, Transcript transcript,
    List<String> prompts) {

  /**
   * Rejects nulls and copies the list.
   *
   * @param checkpointId the checkpoint
   * @param sessionId the session whose slot is finalised
   * @param transcript the complete transcript, or empty to keep the stored one
   * @param prompts all prompts, or empty to keep the stored ones
   */
  public UpdateRequest {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(transcript, "transcript");
    prompts = List.copyOf(prompts);
  }
}
