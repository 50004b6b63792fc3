package io.github.agentledger.segment;

import java.util.Objects;

/**
 * A namespaced opaque payload ({@code {domain, payload}}), carried by {@code extension} entries and
 * by user input. Each domain folds its own payloads; see {@link RestoredState#latestExtensions()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param domain the namespace, for example {@code "memory.extract"}; not blank
 * @param payload the payload
 */
public record ExtensionPayload(String domain, JsonText payload) {
  /**
   * Validates the components.
   *
   * @param domain the namespace, for example {@code "memory.extract"}; not blank
   * @param payload the payload
   */
  public ExtensionPayload {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(payload, "payload");
    if (domain.isBlank()) {
      throw new IllegalArgumentException("extension domain is blank");
    }
  }
}
