package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * The trees along one path of a root tree (root, shard, …), each read once: enough to look up the
 * entry at the end of the path and to rewrite only those trees when that entry changes (spec §2.4
 * step 5). A write reads the checkpoint directory and splices it back from the same instance, so
 * the root and the shard are parsed once per attempt rather than once for the lookup and again
 * for the surgery. Not thread-safe; immutable after {@link #read}.
 *
 * <p>Internal, may change without notice.
 */
public final class TreePath {
  private final String[] parts;
  /** The entries of the tree at each depth; empty where the tree does not exist. */
  private final List<List<TreeSurgery.Entry>> levels;
  /** Per depth, the index of the last entry named like the path part, or -1. */
  private final int[] found;
  /** Per depth, whether the tree's entries were already in git order. */
  private final boolean[] ordered;

  private TreePath(String[] parts, List<List<TreeSurgery.Entry>> levels, int[] found,
      boolean[] ordered) {
    this.parts = parts;
    this.levels = levels;
    this.found = found;
    this.ordered = ordered;
  }

  /**
   * Reads the trees along {@code path}.
   *
   * @param root the root tree, or empty for an empty tree
   * @param path a slash-separated path such as {@code a3/b2c4d5e6f7}
   */
  public static TreePath read(ObjectReader reader, Optional<? extends AnyObjectId> root,
      String path) throws IOException {
    String[] parts = path.split("/");
    List<List<TreeSurgery.Entry>> levels = new ArrayList<>(parts.length);
    int[] found = new int[parts.length];
    boolean[] ordered = new boolean[parts.length];
    Optional<ObjectId> tree = root.map(AnyObjectId::copy);
    for (int depth = 0; depth < parts.length; depth++) {
      List<TreeSurgery.Entry> entries =
          tree.isPresent() ? TreeSurgery.read(reader, tree.get()) : List.of();
      levels.add(entries);
      ordered[depth] = inGitOrder(entries);
      found[depth] = lastNamed(entries, parts[depth]);
      tree = Optional.empty();
      if (found[depth] >= 0 && entries.get(found[depth]).mode() == FileMode.TREE) {
        tree = Optional.of(entries.get(found[depth]).id());
      }
    }
    return new TreePath(parts, levels, found, ordered);
  }

  /**
   * The entry at the end of the path, as {@link TreeSurgery#lookup} finds it.
   *
   * @param expected the kind of object wanted (only its object type is compared)
   * @return its id, empty when it is missing or of another type
   */
  public Optional<ObjectId> target(FileMode expected) {
    for (int depth = 0; depth < parts.length; depth++) {
      if (found[depth] < 0) {
        return Optional.empty();
      }
      TreeSurgery.Entry entry = levels.get(depth).get(found[depth]);
      if (depth == parts.length - 1) {
        return entry.mode().getObjectType() == expected.getObjectType()
            ? Optional.of(entry.id()) : Optional.empty();
      }
      if (entry.mode() != FileMode.TREE) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Sets (or removes) the entry at the end of the path, as {@link TreeSurgery#put} does, writing
   * only the trees on the path.
   *
   * @param mode the mode of the new entry
   * @param id the new entry's object, or empty to remove the entry
   * @return the new root tree
   */
  public ObjectId put(ObjectInserter inserter, FileMode mode, Optional<ObjectId> id)
      throws IOException {
    Optional<ObjectId> replacement = id;
    FileMode replacementMode = mode;
    for (int depth = parts.length - 1; depth >= 0; depth--) {
      List<TreeSurgery.Entry> entries = new ArrayList<>(levels.get(depth));
      if (found[depth] >= 0) {
        entries.remove(found[depth]);
      }
      if (replacement.isPresent()) {
        TreeSurgery.Entry added = new TreeSurgery.Entry(
            parts[depth].getBytes(StandardCharsets.UTF_8), replacementMode,
            replacement.get().copy());
        if (ordered[depth]) {
          int at = 0;
          while (at < entries.size() && compare(entries.get(at), added) <= 0) {
            at++;
          }
          entries.add(at, added);
        } else {
          entries.add(added);
          entries.sort(TreePath::compare);
        }
      }
      if (entries.isEmpty()) {
        replacement = Optional.empty();
      } else {
        TreeFormatter formatter = new TreeFormatter();
        for (TreeSurgery.Entry entry : entries) {
          formatter.append(entry.rawName(), entry.mode(), entry.id());
        }
        replacement = Optional.of(inserter.insert(formatter));
      }
      replacementMode = FileMode.TREE;
    }
    return replacement.orElseGet(() -> inserter.idFor(new TreeFormatter()));
  }

  /**
   * Git's tree order without allocating: names compared as unsigned bytes, a directory as if its
   * name ended with {@code /}.
   */
  public static int compare(TreeSurgery.Entry a, TreeSurgery.Entry b) {
    byte[] x = a.rawName();
    byte[] y = b.rawName();
    int common = Math.min(x.length, y.length);
    int c = Arrays.compareUnsigned(x, 0, common, y, 0, common);
    if (c != 0) {
      return c;
    }
    for (int i = common; ; i++) {
      int cx = keyByte(a, i);
      int cy = keyByte(b, i);
      if (cx != cy) {
        return Integer.compare(cx, cy);
      }
      if (cx < 0) {
        return 0;
      }
    }
  }

  private static int keyByte(TreeSurgery.Entry entry, int i) {
    byte[] name = entry.rawName();
    if (i < name.length) {
      return name[i] & 0xFF;
    }
    return i == name.length && entry.mode() == FileMode.TREE ? '/' : -1;
  }

  private static boolean inGitOrder(List<TreeSurgery.Entry> entries) {
    for (int i = 1; i < entries.size(); i++) {
      if (compare(entries.get(i - 1), entries.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static int lastNamed(List<TreeSurgery.Entry> entries, String name) {
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (Arrays.equals(entries.get(i).rawName(), raw)) {
        return i;
      }
    }
    return -1;
  }
}
