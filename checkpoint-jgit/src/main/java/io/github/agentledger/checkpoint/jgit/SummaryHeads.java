package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.InvalidCheckpointRequestException;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SummaryStream;
import io.github.agentledger.checkpoint.jgit.internal.TreeScan;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads the head of a checkpoint's summary at a cost that follows what it returns
 * (docs/checkpoint-format.md#hostile-input): one streamed pass over the checkpoint directory's
 * tree finds the summary blob, counts the slot directories and keeps the {@code max} lowest; one
 * streamed pass over the summary decodes its aggregate fields and its {@code sessions[]} entries
 * until every kept slot that the summary lists has been met, skipping the rest as syntax. The
 * result is exactly the head of what {@link CheckpointListing#summary} reports (one session per
 * slot directory, by slot number; listed paths where listed, the slot's own files otherwise).
 * Stateless.
 */
final class SummaryHeads {
  private SummaryHeads() {}

  /** What one pass over a checkpoint directory's entries found. */
  private static final class DirectoryScan implements TreeScan.Visitor {
    private final int max;
    /** The {@code max} lowest slot numbers met so far, with their trees. */
    final TreeMap<Integer, ObjectId> lowest = new TreeMap<>();
    int slotCount;
    /** The last entry named {@code metadata.json}, when it is a blob. */
    Optional<ObjectId> summaryBlob = Optional.empty();
    private final byte[] previous = new byte[16];
    private int previousLength = -1;

    DirectoryScan(int max) {
      this.max = max;
    }

    @Override
    public void entry(int mode, byte[] name, int length, byte[] id) {
      if (TreeScan.named(name, length, CheckpointFiles.METADATA)) {
        // As TreeSurgery.lookup finds a direct entry: the last of the name, if a blob.
        summaryBlob = TreeScan.isBlob(mode) ? Optional.of(TreeScan.id(id)) : Optional.empty();
        return;
      }
      if (!TreeScan.isTree(mode)) {
        return;
      }
      int slot = TreeScan.slotNumber(name, length);
      if (slot < 0) {
        return;
      }
      if (!sameAsPrevious(name, length)) {
        // A tree naming a directory twice in a row counts it once, as a set of slots would.
        slotCount++;
      }
      if (lowest.size() < max) {
        lowest.put(slot, TreeScan.id(id));
      } else if (max > 0 && slot <= lowest.lastKey()) {
        lowest.put(slot, TreeScan.id(id));
        if (lowest.size() > max) {
          lowest.pollLastEntry();
        }
      }
    }

    private boolean sameAsPrevious(byte[] name, int length) {
      boolean same = length == previousLength
          && Arrays.equals(name, 0, length, previous, 0, length);
      System.arraycopy(name, 0, previous, 0, length);
      previousLength = length;
      return same;
    }
  }

  /**
   * Checks the number of sessions a head read may return.
   *
   * @return {@code max}
   * @throws InvalidCheckpointRequestException if it is negative
   */
  static int checkedMax(int max) {
    if (max < 0) {
      throw new InvalidCheckpointRequestException("maxSessions", Integer.toString(max),
          "must not be negative");
    }
    return max;
  }

  /**
   * Reads the head of the summary of a checkpoint directory.
   *
   * @param objects a reader that streams large objects
   * @param tree the checkpoint directory's tree
   * @param placement how the slots' absolute paths are spelled
   * @param max how many sessions to return at most
   * @param where the summary file's location, for errors
   * @return the head; empty when the directory holds no summary file
   */
  static Optional<CheckpointSummaryHead> read(ObjectReader objects, ObjectId tree, SlotPaths.Placement placement, int max, String where) throws IOException {
    DirectoryScan scan = new DirectoryScan(max);
    TreeScan.scan(objects, tree, scan);
    if (scan.summaryBlob.isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> kept = scan.lowest.keySet();
    Set<Integer> met = new HashSet<>();
    CheckpointSummary stored;
    try (InputStream in = objects.open(scan.summaryBlob.get(), Constants.OBJ_BLOB).openStream()) {
      stored = SummaryStream.decode(in, where, (decoded, position) -> {
        if (!decoded.isEmpty()) {
          met.add(decoded.get(decoded.size() - 1).slot());
        }
        return position < max || !met.containsAll(kept);
      });
    }
    List<SessionPaths> sessions = SlotPaths.reconcile(placement, stored.sessions(),
        new TreeSet<>(kept), slot -> {
          List<String> names = new ArrayList<>();
          for (TreeSurgery.Entry file : TreeSurgery.read(objects,
              Objects.requireNonNull(scan.lowest.get(slot), "a kept slot has a tree"))) {
            names.add(file.name());
          }
          return names;
        });
    return Optional.of(new CheckpointSummaryHead(new CheckpointSummary(stored.cliVersion(),
        stored.checkpointId(), stored.strategy(), stored.branch(), stored.checkpointsCount(),
        stored.filesTouched(), sessions, stored.tokenUsage(), stored.combinedAttribution(),
        stored.hasReview(), stored.migrationSourceCommit()), scan.slotCount));
  }
}
