package io.github.agentledger.checkpoint.jgit;

import java.util.List;
import java.util.Objects;

/**
 * What a reader should return for one checkpoint of a fixture repository.
 *
 * @param id the 12-hex checkpoint id
 * @param summaryJson the exact text of the checkpoint's root {@code metadata.json}
 * @param sessions the session slots, by index
 */
record ExpectedCheckpoint(String id, String summaryJson, List<ExpectedSession> sessions) {

  ExpectedCheckpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(summaryJson, "summaryJson");
    sessions = List.copyOf(sessions);
  }

  /** {@return the sharded directory, {@code id[0:2]/id[2:]}} */
  String shardPath() {
    return id.substring(0, 2) + "/" + id.substring(2);
  }

  /** {@return the latest (highest-index) session} */
  ExpectedSession latestSession() {
    return sessions.get(sessions.size() - 1);
  }
}
