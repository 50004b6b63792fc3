package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TokenUsage;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Re-aggregates a checkpoint summary after one slot was written (spec §5.5 step 7): the sessions
 * array extended and this slot's paths replaced; step counts summed, files unioned (slashes
 * normalised, sorted, de-duplicated) and token usage summed over every slot's metadata;
 * {@code combined_attribution} kept; {@code has_review} sticky. Stateless.
 */
final class SummaryAggregation {
  private SummaryAggregation() {}

  /**
   * Aggregates the summary.
   *
   * @param written the metadata stored in {@code slot} by this write, as read back from its blob;
   *     passed in so that the blob just written is not read back from the object database
   */
  static CheckpointSummary aggregate(CheckpointDirectory dir, Optional<CheckpointSummary> previous,
      int slot, SessionMetadata written, SessionPaths paths, WriteRequest request,
      String cliVersion) throws IOException {
    List<SessionPaths> sessions =
        new ArrayList<>(previous.map(CheckpointSummary::sessions).orElse(List.of()));
    while (sessions.size() <= slot) {
      sessions.add(paths);
    }
    sessions.set(slot, paths);
    long count = 0;
    TreeSet<String> files = new TreeSet<>();
    Optional<TokenUsage> usage = Optional.empty();
    for (int i = 0; i < sessions.size(); i++) {
      String path = CheckpointFiles.inSlot(i, CheckpointFiles.METADATA);
      SessionMetadata metadata = i == slot ? written : dir.sessionMetadata(i).orElseThrow(
          () -> new CorruptCheckpointException(dir.where(path),
              "session metadata is missing; the summary cannot be aggregated", null));
      count += metadata.checkpointsCount();
      metadata.filesTouched().forEach(f -> files.add(f.replace('\\', '/')));
      if (metadata.tokenUsage().isPresent()) {
        TokenUsage add = metadata.tokenUsage().get();
        usage = Optional.of(usage.orElse(TokenUsage.of(0, 0, 0, 0, 0)).plus(add));
      }
    }
    boolean hasReview = previous.map(CheckpointSummary::hasReview).orElse(false)
        || request.marksReview();
    return new CheckpointSummary(cliVersion, request.checkpointId(), request.strategy(),
        request.branch(), count, new ArrayList<>(files), sessions, usage,
        previous.flatMap(CheckpointSummary::combinedAttribution), hasReview);
  }
}
