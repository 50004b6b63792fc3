package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.jspecify.annotations.Nullable;

/**
 * A three-way merge of two checkpoint-ref trees, one checkpoint directory at a time (the recovery
 * merge of docs/checkpoint-format.md#push-and-fetch).
 *
 * <p>The unit of merging is the checkpoint directory {@code <id[0:2]>/<id[2:]>/}: a directory that
 * only one side changed since the base is taken from that side; a directory both sides changed is
 * merged session by session ({@link SessionMerge}); a directory only one side has is kept. Other
 * root entries merge the same way, with {@code generation.json} merged semantically
 * ({@link GenerationMerge}) and any other file both sides changed taken from ours. Shard
 * directories that are identical on both sides are never opened, so the cost follows the number of
 * changed checkpoints, not the size of the ref. The result is built on {@code theirs}: only the
 * paths that differ from it are rewritten. Stateless.
 */
final class CheckpointTreeMerge {
  private CheckpointTreeMerge() {}

  /**
   * Merges {@code ours} into {@code theirs}.
   *
   * @param base the common ancestor's tree, empty when the histories share no commit
   * @return the merged root tree (objects inserted, not flushed)
   */
  static ObjectId merge(ObjectReader reader, ObjectInserter inserter, Optional<ObjectId> base,
      ObjectId ours, ObjectId theirs) throws IOException {
    if (ours.equals(theirs) || base.map(ours::equals).orElse(false)) {
      return theirs.copy();
    }
    if (base.map(theirs::equals).orElse(false)) {
      return ours.copy();
    }
    Map<String, TreeSurgery.Entry> b = base.isPresent() ? entries(reader, base.get()) : Map.of();
    Map<String, TreeSurgery.Entry> o = entries(reader, ours);
    Map<String, TreeSurgery.Entry> t = entries(reader, theirs);
    ObjectId result = theirs.copy();
    for (String name : union(b, o, t)) {
      TreeSurgery.Entry bo = b.get(name);
      TreeSurgery.Entry oo = o.get(name);
      TreeSurgery.Entry to = t.get(name);
      Optional<TreeSurgery.Entry> merged = threeWay(bo, oo, to);
      if (merged == null) {
        merged = Optional.of(resolveRoot(reader, inserter, name, bo, bothChanged(oo),
            bothChanged(to)));
      }
      if (!sameEntry(merged.orElse(null), to)) {
        result = TreeSurgery.put(reader, inserter, Optional.of(result), name,
            merged.map(TreeSurgery.Entry::mode).orElse(FileMode.TREE),
            merged.map(TreeSurgery.Entry::id));
      }
    }
    return result;
  }

  private static TreeSurgery.Entry resolveRoot(ObjectReader reader, ObjectInserter inserter,
      String name, TreeSurgery.@Nullable Entry base, TreeSurgery.Entry ours,
      TreeSurgery.Entry theirs) throws IOException {
    if (isShard(name, ours) && isShard(name, theirs)) {
      return new TreeSurgery.Entry(ours.rawName(), FileMode.TREE,
          mergeShard(reader, inserter, name, base, ours, theirs));
    }
    if (name.equals(CheckpointFiles.GENERATION) && isBlob(ours) && isBlob(theirs)) {
      return new TreeSurgery.Entry(ours.rawName(), FileMode.REGULAR_FILE,
          GenerationMerge.merge(reader, inserter, ours.id(), theirs.id()));
    }
    return ours;
  }

  private static ObjectId mergeShard(ObjectReader reader, ObjectInserter inserter, String shard,
      TreeSurgery.@Nullable Entry base, TreeSurgery.Entry ours, TreeSurgery.Entry theirs)
      throws IOException {
    Map<String, TreeSurgery.Entry> b =
        base != null && base.mode() == FileMode.TREE ? entries(reader, base.id()) : Map.of();
    Map<String, TreeSurgery.Entry> o = entries(reader, ours.id());
    Map<String, TreeSurgery.Entry> t = entries(reader, theirs.id());
    ObjectId result = theirs.id().copy();
    for (String name : union(b, o, t)) {
      TreeSurgery.Entry bo = b.get(name);
      TreeSurgery.Entry oo = o.get(name);
      TreeSurgery.Entry to = t.get(name);
      Optional<TreeSurgery.Entry> merged = threeWay(bo, oo, to);
      if (merged == null) {
        TreeSurgery.Entry ourEntry = bothChanged(oo);
        TreeSurgery.Entry theirEntry = bothChanged(to);
        String path = shard + "/" + name;
        boolean checkpoint = CheckpointId.isValid(shard + name)
            && ourEntry.mode() == FileMode.TREE && theirEntry.mode() == FileMode.TREE;
        merged = Optional.of(checkpoint
            ? new TreeSurgery.Entry(ourEntry.rawName(), FileMode.TREE, SessionMerge.merge(reader,
                inserter, CheckpointId.parse(shard + name),
                bo != null && bo.mode() == FileMode.TREE ? Optional.of(bo.id()) : Optional.empty(),
                ourEntry.id(), theirEntry.id(), path))
            : ourEntry);
      }
      if (!sameEntry(merged.orElse(null), to)) {
        result = TreeSurgery.put(reader, inserter, Optional.of(result), name,
            merged.map(TreeSurgery.Entry::mode).orElse(FileMode.TREE),
            merged.map(TreeSurgery.Entry::id));
      }
    }
    return result;
  }

  /**
   * The classic three-way rule for one entry.
   *
   * @return the entry to keep (empty: no entry), or {@code null} when both sides changed it
   *     differently and a deeper merge must decide
   */
  static @Nullable Optional<TreeSurgery.Entry> threeWay(TreeSurgery.@Nullable Entry base,
      TreeSurgery.@Nullable Entry ours, TreeSurgery.@Nullable Entry theirs) {
    if (sameEntry(ours, theirs) || sameEntry(ours, base)) {
      return Optional.ofNullable(theirs);
    }
    if (sameEntry(theirs, base)) {
      return Optional.ofNullable(ours);
    }
    // Both changed. A side that removed what the other changed loses: nothing is dropped.
    if (ours == null || theirs == null) {
      return Optional.ofNullable(ours == null ? theirs : ours);
    }
    return null;
  }

  /** An entry that {@link #threeWay} left undecided: both sides hold it, changed differently. */
  private static TreeSurgery.Entry bothChanged(TreeSurgery.@Nullable Entry entry) {
    return Objects.requireNonNull(entry, "threeWay decides every entry that one side lacks");
  }

  static boolean sameEntry(TreeSurgery.@Nullable Entry a, TreeSurgery.@Nullable Entry b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.mode().equals(b.mode()) && a.id().equals(b.id());
  }

  private static boolean isShard(String name, TreeSurgery.@Nullable Entry entry) {
    return entry != null && entry.mode() == FileMode.TREE && name.length() == 2;
  }

  private static boolean isBlob(TreeSurgery.@Nullable Entry entry) {
    return entry != null && entry.mode() != FileMode.TREE;
  }

  private static Map<String, TreeSurgery.Entry> entries(ObjectReader reader, AnyObjectId tree)
      throws IOException {
    Map<String, TreeSurgery.Entry> map = new TreeMap<>();
    for (TreeSurgery.Entry entry : TreeSurgery.read(reader, tree)) {
      map.put(entry.name(), entry);
    }
    return map;
  }

  @SafeVarargs
  private static TreeSet<String> union(Map<String, TreeSurgery.Entry>... maps) {
    TreeSet<String> names = new TreeSet<>();
    for (Map<String, TreeSurgery.Entry> map : maps) {
      names.addAll(map.keySet());
    }
    return names;
  }
}
