package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.WriteRequest;
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
}
