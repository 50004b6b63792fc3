package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
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
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Lists the checkpoints of a tree (docs/checkpoint-format.md#identifiers-and-the-commit-trailer
 * for the walk, #reading-v1): root directories with two-character names, their subdirectories,
 * and only names that join into a valid id; root files are ignored. Each entry reads the summary
 * and the latest slot's metadata; what cannot be read is left empty. Newest first. Stateless;
 * shared by v1 and v2 {@code /main}.
 */
final class CheckpointListing {
  static final Comparator<CheckpointListEntry> NEWEST_FIRST = Comparator
      .comparing((CheckpointListEntry e) -> e.createdAt().orElse(Instant.MIN),
          Comparator.reverseOrder())
      .thenComparing(CheckpointListEntry::checkpointId);

  private CheckpointListing() {}

  /**
   * Lists the checkpoints of an indexed tip (the index keeps the shard trees it parses). A
   * checkpoint whose directory tree was parsed before by this store, completely, is not parsed
   * again; one parsed now also leaves its summary behind for {@code readSummary}. A shard or
   * checkpoint tree that cannot be read is reported and the walk goes on; only the root tree
   * failing fails the listing.
   */
  static ListedCheckpoints list(ObjectReader reader, TreeIndex index, ParsedCheckpoints parsed)
      throws IOException {
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
          Optional<CheckpointListEntry> known = parsed.entry(id, rest.getValue());
          if (known.isPresent()) {
            entries.add(known.get());
          } else {
            parse(reader, Optional.of(index), Optional.of(parsed), id, rest.getValue(),
                index.ref() + ":" + id.shardedPath() + "/", unreadable).ifPresent(entries::add);
          }
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
    return parse(reader, Optional.empty(), Optional.empty(), id, tree, where, unreadable);
  }

  /**
   * Reads the summary of a sharded checkpoint directory with one session per slot directory:
   * the listed paths of the slots the stored summary lists, and for any other slot directory the
   * paths of the files it holds (its tree is read only then).
   *
   * @param entries the checkpoint tree's direct entries
   * @param read decodes the stored summary blob
   * @return empty when the directory has no summary file
   */
  static Optional<CheckpointSummary> summary(ObjectReader reader, CheckpointId id,
      List<TreeSurgery.Entry> entries, SummaryDecode read) throws IOException {
    TreeMap<Integer, ObjectId> slotTrees = new TreeMap<>();
    for (TreeSurgery.Entry entry : entries) {
      if (entry.mode() == FileMode.TREE) {
        int slot = SlotPaths.number(entry.name());
        if (slot >= 0) {
          slotTrees.put(slot, entry.id());
        }
      }
    }
    Optional<ObjectId> summaryBlob =
        lastNamed(entries, CheckpointFiles.METADATA, FileMode.REGULAR_FILE);
    if (summaryBlob.isEmpty()) {
      return Optional.empty();
    }
    CheckpointSummary s = read.decode(summaryBlob.get());
    List<SessionPaths> sessions = SlotPaths.reconcile(SlotPaths.Placement.sharded(id),
        s.sessions(), slotTrees.navigableKeySet(), slot -> {
          List<String> names = new ArrayList<>();
          for (TreeSurgery.Entry file : TreeSurgery.read(reader,
              Objects.requireNonNull(slotTrees.get(slot), "a listed slot has a tree"))) {
            names.add(file.name());
          }
          return names;
        });
    return Optional.of(new CheckpointSummary(s.cliVersion(), s.checkpointId(), s.strategy(),
        s.branch(), s.checkpointsCount(), s.filesTouched(), sessions, s.tokenUsage(),
        s.combinedAttribution(), s.hasReview(), s.migrationSourceCommit()));
  }

  /** Decodes a stored summary blob. */
  @FunctionalInterface
  interface SummaryDecode {
    CheckpointSummary decode(ObjectId blob) throws IOException;
  }

  private static Optional<CheckpointListEntry> parse(ObjectReader reader,
      Optional<TreeIndex> index, Optional<ParsedCheckpoints> parsed, CheckpointId id,
      ObjectId tree, String where, List<UnreadableCheckpoint> unreadable) {
    Optional<CheckpointSummary> summary = Optional.empty();
    Optional<SessionMetadata> latest = Optional.empty();
    boolean complete = true;
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
      SummaryDecode decode = blob -> {
        TreeIndex.SummaryRead read = () -> SummaryJson.decode(
            Blobs.read(reader, blob), where + CheckpointFiles.METADATA);
        return index.isPresent() ? index.get().summary(blob, read) : read.read();
      };
      Optional<ObjectId> summaryBlob =
          lastNamed(entries, CheckpointFiles.METADATA, FileMode.REGULAR_FILE);
      if (summaryBlob.isPresent()) {
        CheckpointSummary stored = decode.decode(summaryBlob.get());
        summary = Optional.of(stored);
        if (parsed.isPresent()) {
          // Leaves behind the summary readSummary answers, built from the entries read here.
          summary(reader, id, entries, blob -> stored)
              .ifPresent(whole -> parsed.get().putSummary(id, tree, whole));
        }
      }
    } catch (IOException | RuntimeException unreadableSummary) {
      // Listed anyway, with the fields that could not be read left empty
      // (docs/checkpoint-format.md#reading-v1), and reported.
      complete = false;
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
        complete = false;
        unreadable.add(new UnreadableCheckpoint(where + latestPath, Optional.of(id),
            ReadFailures.reason(unreadableLatest, "checkpoint " + id, ref)));
      }
    }
    CheckpointListEntry entry = new CheckpointListEntry(id,
        latest.map(SessionMetadata::createdAt),
        sessions,
        summary.map(CheckpointSummary::checkpointsCount).orElse(0L),
        summary.map(CheckpointSummary::filesTouched).orElse(List.of()),
        latest.map(SessionMetadata::agent).orElse(""),
        latest.map(SessionMetadata::sessionId));
    if (complete && parsed.isPresent()) {
      parsed.get().putEntry(id, tree, entry);
    }
    return Optional.of(entry);
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
