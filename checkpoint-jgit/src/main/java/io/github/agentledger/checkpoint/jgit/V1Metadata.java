package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.WriteRequest;

/**
 * Builds the session metadata a v1 write stores (docs/checkpoint-format.md#session-metadatajson).
 * Stateless.
 */
final class V1Metadata {
  private V1Metadata() {}

  static SessionMetadata forWrite(WriteRequest r, StoreSettings settings, Redactor redactor) {
    return new SessionMetadata(
        settings.cliVersion(),
        r.checkpointId(),
        r.sessionId(),
        r.strategy(),
        r.createdAt().orElseGet(() -> settings.clock().instant()),
        r.branch(),
        r.checkpointsCount(),
        r.filesTouched(),
        r.agent(),
        r.model(),
        r.turnId(),
        r.isTask(),
        r.toolUseId(),
        r.transcriptIdentifierAtStart(),
        r.checkpointTranscriptStart(),
        r.checkpointTranscriptStart(),
        r.tokenUsage(),
        r.sessionMetrics(),
        r.summary().map(s -> Redaction.summary(redactor, s)),
        r.initialAttribution(),
        r.kind(),
        r.reviewSkills(),
        r.reviewPrompt());
  }
}
