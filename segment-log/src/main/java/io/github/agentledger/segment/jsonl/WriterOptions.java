package io.github.agentledger.segment.jsonl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * How a {@link SegmentFileWriter} makes appends durable.
 *
 * @param durability when appended lines are forced
 * @param groupCommitMaxBatch with {@link Durability#GROUP_COMMIT}: a force starts at the latest
 *     once this many appends are written and waiting, at least 1
 * @param groupCommitMaxDelay with {@link Durability#GROUP_COMMIT}: the longest a force waits for
 *     more appends to join it, zero or positive
 * @param opener opens the channels the writer writes through (a test seam)
 * @param limits the limits on each line read or written
 * @param forces counts the forces of appended lines made by every writer opened with these
 *     options (shared, not a value: copies made by the {@code with…} methods share it)
 */
record WriterOptions(
    Durability durability, int groupCommitMaxBatch, Duration groupCommitMaxDelay,
    ChannelOpener opener, LineLimits limits, LongAdder forces) {
  static final int DEFAULT_MAX_BATCH = 64;
  static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(2);

  WriterOptions {
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(groupCommitMaxDelay, "groupCommitMaxDelay");
    Objects.requireNonNull(opener, "opener");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(forces, "forces");
    if (groupCommitMaxBatch < 1) {
      throw new IllegalArgumentException(
          "groupCommitMaxBatch must be >= 1, was " + groupCommitMaxBatch);
    }
    if (groupCommitMaxDelay.isNegative()) {
      throw new IllegalArgumentException(
          "groupCommitMaxDelay must not be negative, was " + groupCommitMaxDelay);
    }
  }

  /** {@return options with {@code durability} and the default group-commit bounds} */
  static WriterOptions of(Durability durability) {
    return new WriterOptions(durability, DEFAULT_MAX_BATCH, DEFAULT_MAX_DELAY,
        ChannelOpener.DEFAULT, LineLimits.DEFAULTS, new LongAdder());
  }

  /** {@return a copy with other group-commit bounds} */
  WriterOptions withGroupCommit(int maxBatch, Duration maxDelay) {
    return new WriterOptions(durability, maxBatch, maxDelay, opener, limits, forces);
  }

  /** {@return a copy that opens channels through {@code newOpener}} */
  WriterOptions withOpener(ChannelOpener newOpener) {
    return new WriterOptions(durability, groupCommitMaxBatch, groupCommitMaxDelay, newOpener,
        limits, forces);
  }

  /** {@return a copy with other line limits} */
  WriterOptions withLimits(LineLimits newLimits) {
    return new WriterOptions(durability, groupCommitMaxBatch, groupCommitMaxDelay, opener,
        newLimits, forces);
  }
}
