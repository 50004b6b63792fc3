package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.BoundedObjectReader;
import io.github.agentledger.checkpoint.jgit.internal.Fsync;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The settings every layout's store shares, fixed at build time.
 *
 * @param clock times commits and {@code created_at}
 * @param random generates checkpoint ids; calls are synchronized on it
 * @param redactor cleans transcripts, prompts and summaries before they are stored
 * @param cliVersion the {@code cli_version} written into metadata, or empty to omit it
 * @param maxChunkBytes the transcript chunk limit (50 MiB; smaller only in tests)
 * @param fsync what the store's inserters force to stable storage
 * @param maxObjectBytes the largest git object a read opens
 *     ({@link JGitCheckpointStore.Builder#maxObjectBytes})
 */
record StoreSettings(
    Clock clock, RandomGenerator random, Redactor redactor, String cliVersion, int maxChunkBytes,
    Fsync fsync, long maxObjectBytes) {
  /** Settings that force nothing. */
  StoreSettings(
      Clock clock, RandomGenerator random, Redactor redactor, String cliVersion, int maxChunkBytes) {
    this(clock, random, redactor, cliVersion, maxChunkBytes, Fsync.none(),
        JGitCheckpointStore.DEFAULT_MAX_OBJECT_BYTES);
  }

  /** Opens the reader every read of the store uses: it refuses objects past the size limit. */
  ObjectReader newReader(Repository repository) {
    return BoundedObjectReader.open(repository, maxObjectBytes);
  }

  /**
   * Objects above this size are streamed by {@link #newStreamingReader}: a 36 MB summary or a
   * 6 MB tree of 200 000 slot directories costs a buffer, not its size, per read.
   */
  static final int STREAM_THRESHOLD = 1024 * 1024;

  /**
   * Opens a reader as {@link #newReader} does that streams objects above {@link
   * #STREAM_THRESHOLD}: for reads whose cost must follow what they return (a summary's head, one
   * session of a large checkpoint), and which read large objects only as streams.
   */
  ObjectReader newStreamingReader(Repository repository) {
    return BoundedObjectReader.openStreaming(repository, maxObjectBytes, STREAM_THRESHOLD);
  }

  /** Opens the inserter every write of the store uses (forcing its objects when asked to). */
  ObjectInserter newInserter(Repository repository) {
    return fsync.inserter(repository);
  }

  /** Generates a checkpoint id; safe from any thread. */
  CheckpointId newCheckpointId() {
    synchronized (random) {
      return CheckpointId.generate(random);
    }
  }

  StoreSettings {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(redactor, "redactor");
    Objects.requireNonNull(cliVersion, "cliVersion");
    Objects.requireNonNull(fsync, "fsync");
    if (maxObjectBytes < 1) {
      throw new IllegalArgumentException("maxObjectBytes must be positive, got " + maxObjectBytes);
    }
    if (maxChunkBytes < 2) {
      throw new IllegalArgumentException("maxChunkBytes must be at least 2, got " + maxChunkBytes);
    }
  }
}
