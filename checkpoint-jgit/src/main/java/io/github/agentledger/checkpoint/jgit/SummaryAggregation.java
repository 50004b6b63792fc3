package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Re-aggregates a checkpoint summary after one slot was written (docs/checkpoint-format.md#root-metadatajson, with slots as
 * directories, #real-repositories): one session per slot directory, by slot number (a directory the previous
 * summary listed keeps its listed paths, one it did not list gets the paths of its files, the
 * written slot gets its new paths); step counts summed, files unioned (slashes normalised,
 * sorted, de-duplicated) and token usage summed over every slot whose metadata reads (a slot whose
 * metadata is damaged or missing locally is listed but not counted: someone else's damage never
 * fails this write); {@code combined_attribution} kept; {@code has_review} sticky. Stateless.
 */
final class SummaryAggregation {
  private SummaryAggregation() {}

  /**
   * Aggregates the summary.
   *
   * @param dir the directory, with the written slot already in place
   * @param written the metadata stored in {@code slot} by this write, as read back from its blob;
   *     passed in so that the blob just written is not read back from the object database
   */
  static CheckpointSummary aggregate(CheckpointDirectory dir, Optional<CheckpointSummary> previous,
      int slot, SessionMetadata written, SessionPaths paths, WriteRequest request,
      String cliVersion) throws IOException {
    List<SessionPaths> listed = new ArrayList<>(
        previous.map(CheckpointSummary::sessions).orElse(List.of()));
    listed.removeIf(p -> p.slot() == slot);
    listed.add(paths);
    List<SessionPaths> sessions = dir.slotPaths(listed);
    long count = 0;
    TreeSet<String> files = new TreeSet<>();
    Optional<TokenUsage> usage = Optional.empty();
    for (SessionPaths session : sessions) {
      Optional<SessionMetadata> metadata = session.slot() == slot ? Optional.of(written)
          : dir.sessionMetadataQuietly(session.slot());
      if (metadata.isEmpty()) {
        continue;
      }
      count += metadata.get().checkpointsCount();
      metadata.get().filesTouched().forEach(f -> files.add(f.replace('\\', '/')));
      if (metadata.get().tokenUsage().isPresent()) {
        TokenUsage add = metadata.get().tokenUsage().get();
        usage = Optional.of(usage.orElse(TokenUsage.of(0, 0, 0, 0, 0)).plus(add));
      }
    }
    boolean hasReview = previous.map(CheckpointSummary::hasReview).orElse(false)
        || request.marksReview();
    return new CheckpointSummary(cliVersion, request.checkpointId(), request.strategy(),
        request.branch(), count, new ArrayList<>(files), sessions, usage,
        previous.flatMap(CheckpointSummary::combinedAttribution), hasReview,
        previous.map(CheckpointSummary::migrationSourceCommit).orElse(""));
  }

  /**
   * Re-aggregates a stored summary from the slot directories beside it, losing nothing: one
   * session per slot directory (listed entries kept verbatim, unlisted slots added with the paths
   * of their files, entries without a directory dropped), {@code checkpoints_count},
   * {@code files_touched} and {@code token_usage} recomputed from every slot's metadata as a write
   * does, every other key kept ({@link SummaryJson#reaggregated}). Refuses, rather than guess,
   * when the result would drop what cannot be recomputed.
   *
   * @param dir the checkpoint directory
   * @return the re-aggregated summary bytes (equal to the stored ones when nothing disagrees)
   * @throws CorruptCheckpointException when the summary is missing or does not parse (its
   *     strategy, branch and unknown keys could not be kept), when no slot directory exists, or
   *     when a slot's metadata is missing or damaged (its counts could not be summed)
   * @throws IOException when an object cannot be read (a missing one included)
   */
  static byte[] reaggregate(CheckpointDirectory dir) throws IOException {
    String where = dir.where(CheckpointFiles.METADATA);
    byte[] stored = dir.readFile(CheckpointFiles.METADATA).orElseThrow(() ->
        new CorruptCheckpointException(where, "there is no summary to re-aggregate (its strategy"
            + " and branch are not known)", null));
    CheckpointSummary previous = SummaryJson.decode(stored, where);
    List<SessionPaths> sessions = dir.slotPaths(previous.sessions());
    if (sessions.isEmpty()) {
      throw new CorruptCheckpointException(where, "no slot directory exists; re-aggregating would"
          + " leave a summary of no session", null);
    }
    long count = 0;
    TreeSet<String> files = new TreeSet<>();
    Optional<TokenUsage> usage = Optional.empty();
    for (SessionPaths session : sessions) {
      SessionMetadata metadata = dir.sessionMetadata(session.slot()).orElseThrow(() ->
          new CorruptCheckpointException(dir.where(CheckpointFiles.inSlot(session.slot(),
              CheckpointFiles.METADATA)), "slot " + session.slot() + " has no metadata.json;"
              + " its counts cannot be re-aggregated", null));
      count += metadata.checkpointsCount();
      metadata.filesTouched().forEach(f -> files.add(f.replace('\\', '/')));
      if (metadata.tokenUsage().isPresent()) {
        TokenUsage add = metadata.tokenUsage().get();
        usage = Optional.of(usage.orElse(TokenUsage.of(0, 0, 0, 0, 0)).plus(add));
      }
    }
    CheckpointSummary fresh = new CheckpointSummary(previous.cliVersion(),
        previous.checkpointId(), previous.strategy(), previous.branch(), count,
        new ArrayList<>(files), sessions, usage, previous.combinedAttribution(),
        previous.hasReview(), previous.migrationSourceCommit());
    return SummaryJson.reaggregated(stored, fresh, where);
  }
}
