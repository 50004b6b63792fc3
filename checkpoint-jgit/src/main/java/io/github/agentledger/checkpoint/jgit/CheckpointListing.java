package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.UnreadableCheckpoint;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Lists the checkpoints of a tree (docs/checkpoint-format.md#identifiers-and-the-commit-trailer
 * for the walk, #reading-v1): root directories with two-character names, their subdirectories,
 * and only names that join into a valid id; root files are ignored. Each entry reads the summary
 * and the latest slot's metadata; what cannot be read is left empty and reported. Newest first. Stateless;
 * shared by v1 and v2 {@code /main}.
 */
final class CheckpointListing {
  static final Comparator<CheckpointListEntry> NEWEST_FIRST = Comparator
      .comparing((CheckpointListEntry e) -> e.createdAt().orElse(Instant.MIN),
          Comparator.reverseOrder())
      .thenComparing(CheckpointListEntry::checkpointId);

  private CheckpointListing() {}

  /**
   * Lists the checkpoints of an indexed tip (the index keeps the shard trees it parses). A shard
   * or checkpoint tree that cannot be read is reported and the walk goes on; only the root tree
   * failing fails the listing.
   */
  static ListedCheckpoints list(ObjectReader reader, TreeIndex index) throws IOException {
    List<CheckpointListEntry> entries = new ArrayList<>();
    List<UnreadableCheckpoint> unreadable = new ArrayList<>();
    for (Map.Entry<String, ObjectId> shard : index.shards(reader).entrySet()) {
      Map<String, ObjectId> checkpoints;
      try {
        checkpoints = index.checkpoints(reader, shard.getKey(), shard.getValue());
      } catch (IOException | RuntimeException e) {
        String where = index.ref() + ":" + shard.getKey() + "/";
        unreadable.add(new UnreadableCheckpoint(where, Optional.empty(),
            ReadFailures.reason(e, "shard " + shard.getKey() + " (tree "
                + shard.getValue().name() + ")", index.ref())));
        continue;
      }
      for (Map.Entry<String, ObjectId> rest : checkpoints.entrySet()) {
        String text = shard.getKey() + rest.getKey();
        if (CheckpointId.isValid(text)) {
          CheckpointId id = CheckpointId.parse(text);
          entry(reader, Optional.of(index), id, rest.getValue(),
              index.ref() + ":" + id.shardedPath() + "/", unreadable).ifPresent(entries::add);
        }
      }
    }
    entries.sort(NEWEST_FIRST);
    return new ListedCheckpoints(entries, unreadable);
  }

  /**
   * Lists one checkpoint directory on its own (a git-refs checkpoint's root tree).
   *
   * @param tree the checkpoint directory's tree
   * @param where the ref and path of that directory ({@code ref:path/}), for messages
   * @param unreadable collects what could not be read
   * @return the entry, empty when the directory's own tree cannot be read
   */
  static Optional<CheckpointListEntry> entry(ObjectReader reader, CheckpointId id, ObjectId tree,
      String where, List<UnreadableCheckpoint> unreadable) {
    return entry(reader, Optional.empty(), id, tree, where, unreadable);
  }

  private static Optional<CheckpointListEntry> entry(ObjectReader reader,
      Optional<TreeIndex> index, CheckpointId id, ObjectId tree, String where,
      List<UnreadableCheckpoint> unreadable) {
    Optional<CheckpointSummary> summary = Optional.empty();
    Optional<SessionMetadata> latest = Optional.empty();
    int sessions = 0;
    String ref = where.substring(0, Math.max(0, where.indexOf(':')));
    // The checkpoint tree is read once; the slots are its numbered directories
    // (docs/checkpoint-format.md#real-repositories), the latest is the highest, and both blob
    // reads go through its entries.
    List<TreeSurgery.Entry> entries;
    try {
      entries = TreeSurgery.read(reader, tree);
    } catch (IOException | RuntimeException e) {
      unreadable.add(new UnreadableCheckpoint(where, Optional.of(id), ReadFailures.reason(e,
          "checkpoint " + id + " (tree " + tree.name() + ")", ref)));
      return Optional.empty();
    }
    int highest = -1;
    ObjectId highestTree = null;
    for (TreeSurgery.Entry entry : entries) {
      if (entry.mode() == FileMode.TREE) {
        int slot = SlotPaths.number(entry.name());
        if (slot >= 0) {
          sessions++;
          if (slot > highest) {
            highest = slot;
            highestTree = entry.id();
          }
        }
      }
    }
    try {
      Optional<ObjectId> summaryBlob =
          lastNamed(entries, CheckpointFiles.METADATA, FileMode.REGULAR_FILE);
      if (summaryBlob.isPresent()) {
        TreeIndex.SummaryRead read = () -> SummaryJson.decode(
            Blobs.read(reader, summaryBlob.get()), where + CheckpointFiles.METADATA);
        summary = Optional.of(index.isPresent()
            ? index.get().summary(summaryBlob.get(), read) : read.read());
      }
    } catch (IOException | RuntimeException unreadableSummary) {
      // Listed anyway, with the fields that could not be read left empty
      // (docs/checkpoint-format.md#reading-v1), and reported.
      unreadable.add(new UnreadableCheckpoint(where + CheckpointFiles.METADATA, Optional.of(id),
          ReadFailures.reason(unreadableSummary, "checkpoint " + id, ref)));
    }
    if (highestTree != null) {
      String latestPath = CheckpointFiles.inSlot(highest, CheckpointFiles.METADATA);
      try {
        Optional<ObjectId> blob = TreeSurgery.lookup(reader, highestTree,
            CheckpointFiles.METADATA, FileMode.REGULAR_FILE);
        if (blob.isPresent()) {
          latest = Optional.of(SessionMetadataJson.decode(Blobs.read(reader, blob.get()),
              where + latestPath));
        }
      } catch (IOException | RuntimeException unreadableLatest) {
        // As above: the latest session's fields stay empty, and the damage is reported.
        unreadable.add(new UnreadableCheckpoint(where + latestPath, Optional.of(id),
            ReadFailures.reason(unreadableLatest, "checkpoint " + id, ref)));
      }
    }
    return Optional.of(new CheckpointListEntry(id,
        latest.map(SessionMetadata::createdAt),
        sessions,
        summary.map(CheckpointSummary::checkpointsCount).orElse(0L),
        summary.map(CheckpointSummary::filesTouched).orElse(List.of()),
        latest.map(SessionMetadata::agent).orElse(""),
        latest.map(SessionMetadata::sessionId)));
  }

  /** As {@link TreeSurgery#lookup} finds a direct entry: the last of that name, if of that type. */
  private static Optional<ObjectId> lastNamed(List<TreeSurgery.Entry> entries, String name,
      FileMode expected) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      TreeSurgery.Entry entry = entries.get(i);
      if (entry.name().equals(name)) {
        return entry.mode().getObjectType() == expected.getObjectType()
            ? Optional.of(entry.id()) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
