package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Replaces one entry deep inside a tree by rewriting only the trees on its path (root, shard,
 * checkpoint directory), copying every sibling through unchanged
 * (docs/checkpoint-format.md#writing-a-checkpoint, step 5). The cost depends on the depth and the
 * width of the trees on the path, not on how many checkpoints the ref holds. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class TreeSurgery {
  private TreeSurgery() {}

  /**
   * Sets (or removes) the entry at {@code path}.
   *
   * @param reader reads the existing trees
   * @param inserter writes the new trees
   * @param root the current root tree, or empty for an empty tree
   * @param path a slash-separated path such as {@code a3/b2c4d5e6f7}
   * @param mode the mode of the new entry (for example {@link FileMode#TREE})
   * @param id the new entry's object, or empty to remove the entry
   * @return the new root tree
   */
  public static ObjectId put(ObjectReader reader, ObjectInserter inserter, Optional<ObjectId> root,
      String path, FileMode mode, Optional<ObjectId> id) throws IOException {
    return TreePath.read(reader, root, path).put(inserter, mode, id);
  }

  /** Finds the entry at {@code path} of a tree, without flattening anything. */
  public static Optional<ObjectId> lookup(ObjectReader reader, AnyObjectId root, String path,
      FileMode expected) throws IOException {
    return TreePath.read(reader, Optional.of(root), path).target(expected);
  }

  /** Reads the direct entries of a tree. */
  public static List<Entry> read(ObjectReader reader, AnyObjectId tree) throws IOException {
    List<Entry> entries = new ArrayList<>();
    ObjectLoader loader = reader.open(tree, Constants.OBJ_TREE);
    if (loader.isLarge()) {
      // Above the reader's streaming threshold: parsed from the stream, never loaded whole.
      TreeScan.scan(reader, tree, (mode, name, length, id) -> {
        FileMode fileMode = FileMode.fromBits(mode);
        byte[] rawName = Arrays.copyOf(name, length);
        if (fileMode.getObjectType() == Constants.OBJ_BAD) {
          throw new CorruptObjectException(tree, "tree entry \""
              + new String(rawName, StandardCharsets.UTF_8) + "\" has an unknown mode");
        }
        entries.add(new Entry(rawName, fileMode, ObjectId.fromRaw(id)));
      });
      return entries;
    }
    try {
      CanonicalTreeParser parser = new CanonicalTreeParser();
      parser.reset(loader.getCachedBytes());
      while (!parser.eof()) {
        byte[] rawName = Arrays.copyOf(parser.getEntryPathBuffer(), parser.getEntryPathLength());
        FileMode mode = parser.getEntryFileMode();
        if (mode == null) {
          throw new CorruptObjectException(tree, "tree entry \""
              + new String(rawName, StandardCharsets.UTF_8) + "\" has an unknown mode");
        }
        entries.add(new Entry(rawName, mode, parser.getEntryObjectId()));
        parser.next();
      }
    } catch (RuntimeException malformed) {
      throw malformedTree(tree, malformed);
    }
    return entries;
  }

  /**
   * Reports bytes that JGit's tree parser failed on (it throws runtime exceptions such as {@code
   * ArrayIndexOutOfBoundsException} on a truncated entry) as the damaged object they are.
   */
  public static CorruptObjectException malformedTree(AnyObjectId tree, RuntimeException cause) {
    CorruptObjectException e = new CorruptObjectException(tree, "malformed tree ("
        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": "
        + cause.getMessage()) + ")");
    e.initCause(cause);
    return e;
  }

  /** One direct entry of a tree; the name is kept as raw bytes so siblings copy through exactly. */
  public record Entry(byte[] rawName, FileMode mode, ObjectId id) {
    public String name() {
      return new String(rawName, StandardCharsets.UTF_8);
    }
  }
}
