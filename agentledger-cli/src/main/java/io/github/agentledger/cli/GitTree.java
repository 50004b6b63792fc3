package io.github.agentledger.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The blobs of one commit's tree by path, read tree by tree so that a missing subtree or blob is
 * recorded and the walk goes on with the rest (a recursive {@link TreeWalk} would stop there).
 */
final class GitTree {
  final Map<String, ObjectId> blobs = new TreeMap<>();
  final List<String> missing = new ArrayList<>();

  static GitTree read(ObjectReader reader, ObjectId tree) throws IOException {
    GitTree result = new GitTree();
    result.walk(reader, tree, "");
    return result;
  }

  private void walk(ObjectReader reader, ObjectId tree, String prefix) throws IOException {
    List<String> subtrees = new ArrayList<>();
    List<ObjectId> subtreeIds = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        String path = prefix + walk.getNameString();
        ObjectId id = walk.getObjectId(0);
        if (walk.getFileMode(0) == FileMode.TREE) {
          subtrees.add(path);
          subtreeIds.add(id);
        } else if (walk.getFileMode(0) != FileMode.GITLINK) {
          if (reader.has(id)) {
            blobs.put(path, id);
          } else {
            missing.add(path + " (blob " + id.name() + ")");
          }
        }
      }
    } catch (MissingObjectException e) {
      missing.add((prefix.isEmpty() ? "/" : prefix) + " (tree " + tree.name() + ")");
      return;
    }
    for (int i = 0; i < subtrees.size(); i++) {
      walk(reader, subtreeIds.get(i), subtrees.get(i) + "/");
    }
  }

  byte[] read(ObjectReader reader, String path) throws IOException {
    return reader.open(blobs.get(path)).getBytes();
  }
}
