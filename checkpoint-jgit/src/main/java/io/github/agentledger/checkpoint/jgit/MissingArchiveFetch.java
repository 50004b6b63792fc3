package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The on-demand step of a v2 transcript lookup (docs/checkpoint-format.md#reading-v2,
 * "On-demand archive fetch"): when a
 * session's metadata is on {@code /main} but no local generation holds its raw transcript, list the
 * remote's archived generations, fetch those missing locally, and read once more. Only archives
 * that do not exist locally are fetched, each into a new local ref, so no local ref ever moves;
 * a remote that cannot be reached throws a {@link CheckpointSyncException} before anything local
 * changes. Fetches are serialized, so concurrent readers do not fetch the same archive twice.
 * Thread-safe.
 */
final class MissingArchiveFetch {
  private final CheckpointSync sync;

  MissingArchiveFetch(CheckpointSync sync) {
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  /**
   * Fetches the archived generations the remote has and the local repository lacks.
   *
   * @throws CheckpointSyncException when the remote cannot be reached
   */
  synchronized void fetchMissing() {
    sync.fetchMissingArchivedGenerations();
  }

  /**
   * Reads a session; when the session exists without a transcript (and without naming a missing
   * transcript object), fetches the missing archives
   * (at most once) and reads it again. The second read always happens after the fetch, even when
   * this call fetched nothing, because a concurrent reader may have fetched the archive meanwhile.
   *
   * @param read the local read
   * @return the session, with its transcript when some generation, local or fetched, holds it
   * @throws CheckpointSyncException when the remote cannot be reached
   */
  Optional<SessionContent> readRetrying(Supplier<Optional<SessionContent>> read) {
    Optional<SessionContent> first = read.get();
    // A slot whose transcript object is missing was found in a local generation: another
    // archive would hold an older copy at best, so nothing is fetched for it.
    if (first.isEmpty() || !first.get().transcript().isEmpty()
        || first.get().transcriptNotAvailable().isPresent()) {
      return first;
    }
    fetchMissing();
    return read.get();
  }
}
