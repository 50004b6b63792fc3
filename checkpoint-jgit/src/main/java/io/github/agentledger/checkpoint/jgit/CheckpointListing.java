package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.SessionMetadata;
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
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * Lists the checkpoints of a tree (spec §2.1 walking rule, §5.7): root directories with
 * two-character names, their subdirectories, and only names that join into a valid id; root files
 * are ignored. Each entry reads the summary and the latest slot's metadata; what cannot be read is
 * left empty. Newest first. Stateless; shared by v1 and v2 {@code /main}.
 */
final class CheckpointListing {
  static final Comparator<CheckpointListEntry> NEWEST_FIRST = Comparator
      .comparing((CheckpointListEntry e) -> e.createdAt().orElse(Instant.MIN),
          Comparator.reverseOrder())
      .thenComparing(CheckpointListEntry::checkpointId);

  private CheckpointListing() {}

  static List<CheckpointListEntry> list(ObjectReader reader, RevTree root, String ref)
      throws IOException {
    List<CheckpointListEntry> entries = new ArrayList<>();
    for (TreeSurgery.Entry shard : TreeSurgery.read(reader, root)) {
      if (shard.mode() != FileMode.TREE || shard.name().length() != 2) {
        continue;
      }
      for (TreeSurgery.Entry rest : TreeSurgery.read(reader, shard.id())) {
        String text = shard.name() + rest.name();
        if (rest.mode() == FileMode.TREE && CheckpointId.isValid(text)) {
          CheckpointId id = CheckpointId.parse(text);
          entries.add(entry(reader, id, rest.id(), ref + ":" + id.shardedPath() + "/"));
        }
      }
    }
    entries.sort(NEWEST_FIRST);
    return entries;
  }

  /**
   * Lists one checkpoint directory.
   *
   * @param tree the checkpoint directory's tree
   * @param where the ref and path of that directory ({@code ref:path/}), for messages
   */
  static CheckpointListEntry entry(ObjectReader reader, CheckpointId id, ObjectId tree,
      String where) throws IOException {
    Optional<CheckpointSummary> summary = Optional.empty();
    Optional<SessionMetadata> latest = Optional.empty();
    try {
      // The checkpoint tree is read once and both lookups go through its entries.
      List<TreeSurgery.Entry> entries = TreeSurgery.read(reader, tree);
      Optional<ObjectId> summaryBlob =
          lastNamed(entries, CheckpointFiles.METADATA, FileMode.REGULAR_FILE);
      if (summaryBlob.isPresent()) {
        summary = Optional.of(SummaryJson.decode(Blobs.read(reader, summaryBlob.get()),
            where + CheckpointFiles.METADATA));
        int slot = summary.get().sessions().size() - 1;
        if (slot >= 0) {
          String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
          Optional<ObjectId> slotTree =
              lastNamed(entries, Integer.toString(slot), FileMode.TREE);
          Optional<ObjectId> blob = slotTree.isEmpty() ? Optional.empty()
              : TreeSurgery.lookup(reader, slotTree.get(), CheckpointFiles.METADATA,
                  FileMode.REGULAR_FILE);
          if (blob.isPresent()) {
            latest = Optional.of(SessionMetadataJson.decode(Blobs.read(reader, blob.get()),
                where + path));
          }
        }
      }
    } catch (CheckpointException unreadable) {
      // Listed anyway, with the fields that could not be read left empty (spec §5.7).
    }
    return new CheckpointListEntry(id,
        latest.map(SessionMetadata::createdAt),
        summary.map(s -> s.sessions().size()).orElse(0),
        summary.map(CheckpointSummary::checkpointsCount).orElse(0L),
        summary.map(CheckpointSummary::filesTouched).orElse(List.of()),
        latest.map(SessionMetadata::agent).orElse(""),
        latest.map(SessionMetadata::sessionId));
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
