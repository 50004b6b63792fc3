package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The opt-in on-demand step of a session read in a partial clone (docs/checkpoint-format.md#real-repositories; the Entire CLI's "fetching
 * tree"): when a slot's transcript names an object the local object database lacks, fetch that
 * object by id from the configured remote and read again, until the transcript reads or the
 * remote does not have what is missing. No ref moves. A remote that cannot be reached throws a
 * {@link CheckpointSyncException}. Thread-safe.
 */
final class MissingObjectFetch {
  private final CheckpointSync sync;

  MissingObjectFetch(CheckpointSync sync) {
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  /**
   * Reads a session; while its transcript is not available locally, fetches the missing object
   * and reads again (once per chunk at most: each round fetches a different object).
   *
   * @param read the local read
   * @return the session, with its transcript when the remote had the objects
   * @throws CheckpointSyncException when the remote cannot be reached
   */
  Optional<SessionContent> readRetrying(Supplier<Optional<SessionContent>> read) {
    Optional<SessionContent> session = read.get();
    Set<BlobId> tried = new HashSet<>();
    while (session.isPresent() && session.get().transcriptNotAvailable().isPresent()) {
      TranscriptNotAvailable missing = session.get().transcriptNotAvailable().get();
      if (!tried.add(missing.blob()) || sync.fetchObjects(List.of(missing.blob())).isEmpty()) {
        return session;
      }
      session = read.get();
    }
    return session;
  }
}
