package io.github.agentledger.segment.postgres;

/** Placeholder. */
final class Placeholder {
  private Placeholder() {}
}
