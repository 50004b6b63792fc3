package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.jspecify.annotations.Nullable;

/**
 * The shard and checkpoint directories of one tip of a checkpoint ref, parsed at most once each:
 * the root's two-character shard trees, and per shard its checkpoint trees. A reader that lists
 * every checkpoint and then reads every summary ("show me everything") otherwise parses
 * the root tree and a shard tree again for every checkpoint. An index belongs to one commit and
 * is immutable in what it says (its maps fill lazily, each entry computed from immutable git
 * objects), so it is safe to share between threads and to drop at any time. It also keeps the
 * decoded summaries of the blobs it read (at most {@value #MAX_SUMMARIES}), since a summary blob
 * decodes to the same immutable value every time. Thread-safe.
 */
final class TreeIndex {
  private final ObjectId commit;
  private final String ref;
  private final ObjectId root;
  private volatile @Nullable Map<String, ObjectId> shards;
  private final ConcurrentHashMap<String, Map<String, ObjectId>> checkpoints =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ObjectId, CheckpointSummary> summaries =
      new ConcurrentHashMap<>();

  /** How many decoded summaries an index keeps; beyond that, summaries are decoded each time. */
  static final int MAX_SUMMARIES = 4096;

  /** Reads a blob that decodes into a summary. */
  @FunctionalInterface
  interface SummaryRead {
    CheckpointSummary read() throws IOException;
  }

  private TreeIndex(ObjectId commit, String ref, ObjectId root) {
    this.commit = commit.copy();
    this.ref = ref;
    this.root = root.copy();
  }

  /**
   * Indexes a tip. The commit's tree id is read from its raw header (a commit always starts with
   * {@code tree <id>}), without a revision walk.
   */
  static TreeIndex of(ObjectReader objects, ObjectId commit, String ref) throws IOException {
    byte[] raw = objects.open(commit, Constants.OBJ_COMMIT).getCachedBytes();
    return new TreeIndex(commit, ref, ObjectId.fromString(raw, "tree ".length()));
  }

  /** {@return whether this index describes {@code tip} of {@code name}} */
  boolean describes(ObjectId tip, String name) {
    return commit.equals(tip) && ref.equals(name);
  }

  String ref() {
    return ref;
  }

  ObjectId root() {
    return root;
  }

  /** {@return the root's directories with two-character names, in tree order} */
  Map<String, ObjectId> shards(ObjectReader objects) throws IOException {
    Map<String, ObjectId> known = shards;
    if (known == null) {
      Map<String, ObjectId> read = new LinkedHashMap<>();
      for (TreeSurgery.Entry entry : TreeSurgery.read(objects, root)) {
        String name = entry.name();
        if (name.length() == 2) {
          if (entry.mode() == FileMode.TREE) {
            read.put(name, entry.id());
          } else {
            read.remove(name);
          }
        }
      }
      known = Collections.unmodifiableMap(read);
      shards = known;
    }
    return known;
  }

  /** {@return the directories of a shard, by name, in tree order} */
  Map<String, ObjectId> checkpoints(ObjectReader objects, String shard, ObjectId shardTree)
      throws IOException {
    try {
      return checkpoints.computeIfAbsent(shard, name -> {
        try {
          Map<String, ObjectId> read = new LinkedHashMap<>();
          for (TreeSurgery.Entry entry : TreeSurgery.read(objects, shardTree)) {
            if (entry.mode() == FileMode.TREE) {
              read.put(entry.name(), entry.id());
            } else {
              read.remove(entry.name());
            }
          }
          return Collections.unmodifiableMap(read);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Decodes a stored summary once per blob: a listing followed by {@code readSummary} of every
   * checkpoint reads each summary blob once. A summary that does not decode is not kept (the
   * error repeats on every read).
   */
  CheckpointSummary summary(ObjectId blob, SummaryRead read) throws IOException {
    CheckpointSummary known = summaries.get(blob);
    if (known != null) {
      return known;
    }
    CheckpointSummary decoded = read.read();
    if (summaries.size() < MAX_SUMMARIES) {
      summaries.putIfAbsent(blob.copy(), decoded);
    }
    return decoded;
  }

  /** {@return the tree of a checkpoint's directory, empty when the tip holds none} */
  Optional<ObjectId> checkpoint(ObjectReader objects, CheckpointId id) throws IOException {
    ObjectId shardTree = shards(objects).get(id.shard());
    if (shardTree == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(checkpoints(objects, id.shard(), shardTree).get(id.rest()));
  }
}
