package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Converts between a git tree and a flat map of its files ({@code a/b/c} to mode and blob id): the
 * in-memory form in which one checkpoint directory is edited
 * (docs/checkpoint-format.md#writing-a-checkpoint, steps 2–4). Trees are written in canonical git
 * order (a directory sorts as if its name ended with {@code /}). Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class TreeFiles {
  /** A file of a flattened tree. */
  public record FileEntry(FileMode mode, ObjectId id) {
    public FileEntry {
      id = id.copy();
    }

    public static FileEntry blob(ObjectId id) {
      return new FileEntry(FileMode.REGULAR_FILE, id);
    }
  }

  private static final Comparator<Child> GIT_ORDER = (a, b) -> Arrays.compareUnsigned(
      a.sortKey(), b.sortKey());

  private TreeFiles() {}

  /**
   * How deep a flattened directory may nest. A checkpoint directory nests two or three levels; a
   * deeper tree is a hostile one (git shares identical subtrees, so a tree naming the same
   * subtree twice at each of 40 levels would flatten into 2^40 paths).
   */
  public static final int MAX_DEPTH = 16;
  /** How many entries (files and directories) a flattened directory may hold. */
  public static final int MAX_FILES = 4_000_000;

  /**
   * Reads every file under {@code tree}, recursively, keyed by its path relative to the tree.
   *
   * @throws CorruptObjectException if the tree nests deeper than {@link #MAX_DEPTH} or holds more
   *     than {@link #MAX_FILES} entries
   */
  public static SortedMap<String, FileEntry> flatten(ObjectReader reader, AnyObjectId tree)
      throws IOException {
    SortedMap<String, FileEntry> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      // Subtrees are entered by hand, so that a directory holding only directories counts too.
      walk.setRecursive(false);
      long visited = 0;
      while (walk.next()) {
        if (walk.getDepth() >= MAX_DEPTH || ++visited > MAX_FILES) {
          throw new CorruptObjectException(tree, "the directory nests deeper than " + MAX_DEPTH
              + " levels or holds more than " + MAX_FILES + " entries");
        }
        if (walk.isSubtree()) {
          walk.enterSubtree();
          continue;
        }
        files.put(walk.getPathString(), new FileEntry(walk.getFileMode(0), walk.getObjectId(0)));
      }
    } catch (RuntimeException malformed) {
      throw TreeSurgery.malformedTree(tree, malformed);
    }
    return files;
  }

  /**
   * Writes nested trees for a flat map of files.
   *
   * @return the id of the top tree (the empty tree when the map is empty)
   */
  public static ObjectId write(ObjectInserter inserter, Map<String, FileEntry> files)
      throws IOException {
    Node root = new Node();
    for (Map.Entry<String, FileEntry> file : files.entrySet()) {
      String[] parts = file.getKey().split("/");
      Node node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        node = node.directories.computeIfAbsent(parts[i], k -> new Node());
      }
      node.files.put(parts[parts.length - 1], file.getValue());
    }
    return root.write(inserter);
  }

  /** Removes every file under {@code directory/} (the directory itself disappears with them). */
  public static void removeDirectory(Map<String, FileEntry> files, String directory) {
    String prefix = directory + "/";
    files.keySet().removeIf(path -> path.startsWith(prefix));
  }

  /** The names of the files directly inside {@code directory}. */
  public static List<String> fileNamesIn(Map<String, FileEntry> files, String directory) {
    String prefix = directory + "/";
    List<String> names = new ArrayList<>();
    for (String path : files.keySet()) {
      if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
        names.add(path.substring(prefix.length()));
      }
    }
    return names;
  }

  private record Child(String name, FileMode mode, ObjectId id, byte[] sortKey) {}

  private static final class Node {
    final Map<String, Node> directories = new TreeMap<>();
    final Map<String, FileEntry> files = new TreeMap<>();

    ObjectId write(ObjectInserter inserter) throws IOException {
      List<Child> children = new ArrayList<>();
      for (Map.Entry<String, Node> dir : directories.entrySet()) {
        ObjectId id = dir.getValue().write(inserter);
        children.add(new Child(dir.getKey(), FileMode.TREE, id, key(dir.getKey() + "/")));
      }
      for (Map.Entry<String, FileEntry> file : files.entrySet()) {
        children.add(new Child(file.getKey(), file.getValue().mode(), file.getValue().id(),
            key(file.getKey())));
      }
      children.sort(GIT_ORDER);
      TreeFormatter formatter = new TreeFormatter();
      for (Child child : children) {
        formatter.append(child.name(), child.mode(), child.id());
      }
      return inserter.insert(formatter);
    }

    private static byte[] key(String name) {
      return name.getBytes(StandardCharsets.UTF_8);
    }
  }
}
