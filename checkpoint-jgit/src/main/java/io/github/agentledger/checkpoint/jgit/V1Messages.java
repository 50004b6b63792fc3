package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.WriteRequest;

/**
 * Commit messages and trailers of the v1 branch (docs/checkpoint-format.md#the-v1-layout).
 * Stateless.
 */
final class V1Messages {
  static final String INITIALIZE = "Initialize sessions branch";

  private V1Messages() {}

  static String checkpoint(WriteRequest request) {
    StringBuilder message = new StringBuilder();
    message.append(checkpointSubject(request.checkpointId())).append("\n\n");
    message.append("Entire-Session: ").append(request.sessionId().value()).append('\n');
    message.append("Entire-Strategy: ").append(request.strategy()).append('\n');
    if (!request.agent().isEmpty()) {
      message.append("Entire-Agent: ").append(request.agent()).append('\n');
    }
    if (!request.ephemeralBranch().isEmpty()) {
      message.append("Ephemeral-branch: ").append(request.ephemeralBranch()).append('\n');
    }
    return message.toString();
  }

  static String checkpointSubject(CheckpointId id) {
    return "Checkpoint: " + id.value();
  }

  static String finalizeTranscript(CheckpointId id) {
    return "Finalize transcript for Checkpoint: " + id.value();
  }

  static String updateSummary(CheckpointId id, String sessionId) {
    return "Update summary for checkpoint " + id.value() + " (session: " + sessionId + ")";
  }

  static String reaggregateSummary(CheckpointId id) {
    return "Re-aggregate summary for checkpoint " + id.value() + " from its session directories";
  }
}
