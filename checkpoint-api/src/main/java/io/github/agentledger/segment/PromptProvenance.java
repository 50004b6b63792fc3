package io.github.agentledger.segment;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the text of a system item came from, so that a change of templates can be traced.
 *
 * <p>Immutable and thread-safe.
 *
 * @param workspaceId the workspace, if any
 * @param configRevision the configuration revision
 * @param sourceDigest the digest of the source template
 * @param projectionDigest the digest of the rendered projection
 * @param logicalName the logical name of the prompt
 */
public record PromptProvenance(
    Optional<String> workspaceId,
    long configRevision,
    String sourceDigest,
    String projectionDigest,
    String logicalName) {
  /**
   * Validates the components.
   *
   * @param workspaceId the workspace, if any
   * @param configRevision the configuration revision
   * @param sourceDigest the digest of the source template
   * @param projectionDigest the digest of the rendered projection
   * @param logicalName the logical name of the prompt
   */
  public PromptProvenance {
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(sourceDigest, "sourceDigest");
    Objects.requireNonNull(projectionDigest, "projectionDigest");
    Objects.requireNonNull(logicalName, "logicalName");
    if (configRevision < 0) {
      throw new IllegalArgumentException("configRevision is negative: " + configRevision);
    }
  }
}
