package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointSummary;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * What a store already parsed out of checkpoint directories, by checkpoint id and directory tree
 * id: the list entry and the summary (with one session per slot directory). Both are functions of
 * the tree's content alone (git objects are immutable; the ref a tree was reached from only
 * appears in error messages), so a value stays right for as long as that tree is what a ref holds
 * for the checkpoint, across moves of the ref: a write changes the tree of the checkpoint it
 * writes and leaves every other checkpoint's tree, and so its cached values, as they were.
 *
 * <p>This is what makes "list, then read every summary" cost one parse per checkpoint, and a
 * second listing by the same store almost nothing (docs/checkpoint-format.md#reading-v1). Only
 * values read completely are kept: a listing entry left partly empty because an object is
 * missing locally is computed again next time (the object may have been fetched since). Bounded:
 * each map holds at most {@value #MAX} values and is emptied when it would grow beyond. Thread-safe.
 */
final class ParsedCheckpoints {
  /** How many values each map keeps before it starts over. */
  static final int MAX = 16_384;

  /** A checkpoint and its directory tree; equality written out, as in {@link CheckpointId}. */
  private static final class Key {
    private final CheckpointId id;
    private final ObjectId tree;

    Key(CheckpointId id, ObjectId tree) {
      this.id = id;
      this.tree = tree;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Key key && id.equals(key.id) && tree.equals(key.tree);
    }

    @Override
    public int hashCode() {
      return 31 * id.hashCode() + tree.hashCode();
    }
  }

  private final ConcurrentHashMap<Key, CheckpointListEntry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, CheckpointSummary> summaries = new ConcurrentHashMap<>();

  /** {@return the list entry parsed from this tree before, if kept} */
  Optional<CheckpointListEntry> entry(CheckpointId id, AnyObjectId tree) {
    return Optional.ofNullable(entries.get(new Key(id, tree.toObjectId())));
  }

  /** {@return the summary parsed from this tree before, if kept} */
  Optional<CheckpointSummary> summary(CheckpointId id, AnyObjectId tree) {
    return Optional.ofNullable(summaries.get(new Key(id, tree.toObjectId())));
  }

  void putEntry(CheckpointId id, AnyObjectId tree, CheckpointListEntry entry) {
    put(entries, new Key(id, tree.copy()), entry);
  }

  void putSummary(CheckpointId id, AnyObjectId tree, CheckpointSummary summary) {
    put(summaries, new Key(id, tree.copy()), summary);
  }

  private static <V> void put(ConcurrentHashMap<Key, V> map, Key key, V value) {
    if (map.size() >= MAX) {
      map.clear();
    }
    map.put(key, value);
  }
}
