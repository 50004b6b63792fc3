package io.github.agentledger.springai.autoconfigure;

import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.springai.DeleteMode;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code agentledger.segments.*} properties: where the segment logs live and how durable an
 * append is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param directory the store's root directory ({@code agentledger.segments.directory}); the
 *     auto-configuration applies only when it is set
 * @param durability when an append is on disk ({@code agentledger.segments.durability}, default
 *     {@code GROUP_COMMIT})
 * @param deleteMode what deleting a conversation does ({@code agentledger.segments.delete-mode},
 *     default {@code ERASE})
 */
@ConfigurationProperties("agentledger.segments")
public record AgentledgerSegmentsProperties(
    Path directory,
    @DefaultValue("GROUP_COMMIT") Durability durability,
    @DefaultValue("ERASE") DeleteMode deleteMode) {
  /**
   * Validates the components.
   *
   * @param directory the store's root directory
   * @param durability when an append is on disk
   * @param deleteMode what deleting a conversation does
   */
  public AgentledgerSegmentsProperties {
    Objects.requireNonNull(directory, "agentledger.segments.directory");
    Objects.requireNonNull(durability, "agentledger.segments.durability");
    Objects.requireNonNull(deleteMode, "agentledger.segments.delete-mode");
  }
}
