package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreePath;
import io.github.agentledger.checkpoint.jgit.internal.TreeScan;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * One checkpoint directory of a ref's tree, flattened into an editable map of files (docs/checkpoint-format.md#writing-a-checkpoint):
 * either {@code <id[0:2]>/<id[2:]>/} of a tree holding many checkpoints (v1, v2), or the whole
 * tree of a git-refs checkpoint ref (docs/git-refs-layout.md). Reads go to the object database lazily; edits stay
 * in memory until {@link #writeInto} splices the rebuilt directory into a root tree (or, at the
 * root, returns it). Not thread-safe: one instance belongs to one attempt of one operation.
 */
final class CheckpointDirectory {
  /** The agent context file of a slot. */
  static final String CONTEXT = SlotPaths.CONTEXT;

  private final ObjectReader reader;
  private final CheckpointId id;
  private final String ref;
  /** The path from the root to the directory; empty when the directory is the root. */
  private final Optional<TreePath> path;
  private final boolean existed;
  private final SortedMap<String, TreeFiles.FileEntry> files;

  private CheckpointDirectory(ObjectReader reader, CheckpointId id, String ref,
      Optional<TreePath> path, boolean existed, SortedMap<String, TreeFiles.FileEntry> files) {
    this.reader = reader;
    this.id = id;
    this.ref = ref;
    this.path = path;
    this.existed = existed;
    this.files = files;
  }

  /** Flattens the checkpoint's directory from a root tree (empty when the root has none). */
  static CheckpointDirectory read(ObjectReader reader, Optional<RevTree> root, CheckpointId id,
      String ref) throws IOException {
    TreePath path = TreePath.read(reader, root, id.shardedPath());
    Optional<ObjectId> tree = path.target(FileMode.TREE);
    if (tree.isPresent()) {
      return new CheckpointDirectory(reader, id, ref, Optional.of(path), true,
          TreeFiles.flatten(reader, tree.get()));
    }
    return new CheckpointDirectory(reader, id, ref, Optional.of(path), false, new TreeMap<>());
  }

  /** Which numbered slot directories a read flattens. */
  sealed interface SlotChoice {
    /** Every slot: what a search by session id reads. */
    SlotChoice ALL = new All();

    /** No slot: what a check for the directory's existence reads. */
    SlotChoice NONE = new Only(-1);

    /** {@return a choice of the one slot {@code slot}} */
    static SlotChoice only(int slot) {
      return new Only(slot);
    }

    /** {@return a choice of the highest slot} */
    static SlotChoice latest() {
      return new Latest();
    }

    /** Every slot. */
    record All() implements SlotChoice {}

    /** One slot by number (none when negative). */
    record Only(int slot) implements SlotChoice {}

    /** The highest slot number. */
    record Latest() implements SlotChoice {}
  }

  /**
   * Reads a checkpoint directory for reading some of its sessions only: every file outside
   * numbered slot directories, and the files of the chosen slots; other slot directories are
   * not in the result. The directory's entries are streamed once and only what is kept is
   * copied, so a read of one session of a checkpoint that holds 200 000 costs one pass over the
   * directory's bytes, not a walk of its million files nor a list of its 200 000 entries
   * (docs/checkpoint-format.md#hostile-input). Read-only: {@link #writeInto} refuses it.
   */
  static CheckpointDirectory readSlots(ObjectReader reader, Optional<RevTree> root,
      CheckpointId id, String ref, SlotChoice choice) throws IOException {
    TreePath path = TreePath.read(reader, root, id.shardedPath());
    Optional<ObjectId> tree = path.target(FileMode.TREE);
    if (tree.isEmpty()) {
      return new CheckpointDirectory(reader, id, ref, Optional.of(path), false, new TreeMap<>());
    }
    return partial(reader, id, ref, Optional.of(path), tree.get(), choice);
  }

  /**
   * As {@link #readSlots}, for a tree that is itself the checkpoint directory (a git-refs
   * checkpoint ref).
   */
  static CheckpointDirectory readSlotsAtRoot(ObjectReader reader, RevTree root, CheckpointId id,
      String ref, SlotChoice choice) throws IOException {
    return partial(reader, id, ref, Optional.empty(), root, choice);
  }

  private static CheckpointDirectory partial(ObjectReader reader, CheckpointId id, String ref,
      Optional<TreePath> path, ObjectId tree, SlotChoice choice) throws IOException {
    // Entries outside slot directories, by name (the last of a name wins, as a flatten does),
    // and the chosen slot directories by number.
    SortedMap<String, TreeFiles.FileEntry> others = new TreeMap<>();
    SortedMap<Integer, ObjectId> chosen = new TreeMap<>();
    TreeScan.scan(reader, tree, (mode, name, length, raw) -> {
      int slot = TreeScan.isTree(mode) ? TreeScan.slotNumber(name, length) : -1;
      if (slot < 0) {
        FileMode fileMode = FileMode.fromBits(mode);
        if (fileMode.getObjectType() == Constants.OBJ_BAD) {
          throw new CorruptObjectException(tree, "tree entry \""
              + new String(name, 0, length, StandardCharsets.UTF_8) + "\" has an unknown mode");
        }
        others.put(new String(name, 0, length, StandardCharsets.UTF_8),
            new TreeFiles.FileEntry(fileMode, ObjectId.fromRaw(raw)));
        return;
      }
      if (choice instanceof SlotChoice.All
          || (choice instanceof SlotChoice.Only only && only.slot() == slot)) {
        chosen.put(slot, ObjectId.fromRaw(raw));
      } else if (choice instanceof SlotChoice.Latest
          && (chosen.isEmpty() || slot >= chosen.firstKey())) {
        chosen.clear();
        chosen.put(slot, ObjectId.fromRaw(raw));
      }
    });
    SortedMap<String, TreeFiles.FileEntry> files = new TreeMap<>();
    for (Map.Entry<String, TreeFiles.FileEntry> entry : others.entrySet()) {
      if (entry.getValue().mode() != FileMode.TREE) {
        files.put(entry.getKey(), entry.getValue());
        continue;
      }
      for (Map.Entry<String, TreeFiles.FileEntry> file
          : TreeFiles.flatten(reader, entry.getValue().id()).entrySet()) {
        files.put(entry.getKey() + "/" + file.getKey(), file.getValue());
      }
    }
    for (Map.Entry<Integer, ObjectId> slot : chosen.entrySet()) {
      for (Map.Entry<String, TreeFiles.FileEntry> file
          : TreeFiles.flatten(reader, slot.getValue()).entrySet()) {
        files.put(slot.getKey() + "/" + file.getKey(), file.getValue());
      }
    }
    CheckpointDirectory partial = new CheckpointDirectory(reader, id, ref, path, true, files);
    partial.readOnly = true;
    return partial;
  }

  /** Set by {@link #readSlots}: the files of unchosen slots are not in {@link #files}. */
  private boolean readOnly;

  /**
   * Flattens a tree that is itself the checkpoint directory (a git-refs checkpoint ref).
   *
   * @param root the tree, or empty when the ref does not exist yet
   */
  static CheckpointDirectory atRoot(ObjectReader reader, Optional<RevTree> root, CheckpointId id,
      String ref) throws IOException {
    if (root.isPresent()) {
      return new CheckpointDirectory(reader, id, ref, Optional.empty(), true,
          TreeFiles.flatten(reader, root.get()));
    }
    return new CheckpointDirectory(reader, id, ref, Optional.empty(), false, new TreeMap<>());
  }

  CheckpointId id() {
    return id;
  }

  /** {@return whether the directory existed in the tree it was read from} */
  boolean existed() {
    return existed;
  }

  /** {@return a human-readable location of a file, for error messages} */
  String where(String relative) {
    // Under a sharded path the id is spelled a3/b2c4d5e6f7: the message names it whole too.
    return path.isPresent()
        ? ref + ":" + fromRoot(relative) + " (checkpoint " + id + ")"
        : ref + ":" + relative;
  }

  /**
   * {@return the path of a file from the root of the ref's tree: under the sharded directory on
   * a branch, the path itself on a git-refs checkpoint ref (whose tree is the directory)}
   */
  String fromRoot(String relative) {
    return path.isPresent() ? CheckpointFiles.fromRoot(id, relative) : relative;
  }

  Optional<byte[]> readFile(String relative) throws IOException {
    TreeFiles.FileEntry entry = files.get(relative);
    if (entry == null || entry.mode().getObjectType() != Constants.OBJ_BLOB) {
      return Optional.empty();
    }
    return Optional.of(Blobs.read(reader, entry.id()));
  }

  Optional<ObjectId> blobId(String relative) {
    TreeFiles.FileEntry entry = files.get(relative);
    return entry == null ? Optional.empty() : Optional.of(entry.id());
  }

  /**
   * Reads the root summary as stored (its sessions as the file lists them); empty when the file
   * is absent.
   */
  Optional<CheckpointSummary> storedSummary() throws IOException {
    Optional<byte[]> bytes = readFile(CheckpointFiles.METADATA);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(SummaryJson.decode(bytes.get(), where(CheckpointFiles.METADATA)));
  }

  /**
   * Reads the root summary with one session per slot directory, by slot number (docs/checkpoint-format.md#real-repositories): a
   * directory the stored summary lists keeps its listed paths; one it does not list gets the
   * paths of the files it holds. Listed entries without a directory are dropped. Empty when the
   * file is absent.
   */
  Optional<CheckpointSummary> summary() throws IOException {
    Optional<CheckpointSummary> stored = storedSummary();
    if (stored.isEmpty()) {
      return stored;
    }
    CheckpointSummary s = stored.get();
    return Optional.of(new CheckpointSummary(s.cliVersion(), s.checkpointId(), s.strategy(),
        s.branch(), s.checkpointsCount(), s.filesTouched(), slotPaths(s.sessions()),
        s.tokenUsage(), s.combinedAttribution(), s.hasReview(), s.migrationSourceCommit()));
  }

  /** One entry per slot directory: the listed paths when listed, else what the slot holds. */
  List<SessionPaths> slotPaths(List<SessionPaths> listed) throws IOException {
    return SlotPaths.reconcile(this::absolute, listed, slots(), this::fileNamesInSlot);
  }

  /**
   * The absolute tree path of a file in a slot, as a summary lists it: under the sharded
   * directory, or at the root when this directory is a git-refs checkpoint ref's whole tree.
   */
  String absolute(int slot, String name) {
    return path.isPresent() ? SlotPaths.absolute(id, slot, name)
        : CheckpointFiles.absoluteAtRoot(CheckpointFiles.inSlot(slot, name));
  }

  /**
   * The slot numbers of the directory: its subdirectories named by a plain decimal number
   * ({@code 0}, {@code 2}, {@code 17}; not {@code 01}), ascending. They need not be dense.
   */
  TreeSet<Integer> slots() {
    TreeSet<Integer> slots = new TreeSet<>();
    String last = "";
    for (String path : files.keySet()) {
      int slash = path.indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String name = path.substring(0, slash);
      if (name.equals(last)) {
        continue;
      }
      last = name;
      int slot = SlotPaths.number(name);
      if (slot >= 0) {
        slots.add(slot);
      }
    }
    return slots;
  }

  /**
   * The slot whose metadata names {@code session}: the lowest such slot number. Unreadable
   * metadata (damaged, or its object missing locally) counts as naming no session.
   */
  OptionalInt slotOf(AgentSessionId session) throws IOException {
    for (int slot : slots()) {
      Optional<SessionMetadata> metadata = sessionMetadataQuietly(slot);
      if (metadata.isPresent() && metadata.get().sessionId().equals(session)) {
        return OptionalInt.of(slot);
      }
    }
    return OptionalInt.empty();
  }

  /** Reads a slot's metadata; damaged or locally missing metadata reads as absent. */
  Optional<SessionMetadata> sessionMetadataQuietly(int slot) throws IOException {
    try {
      return sessionMetadata(slot);
    } catch (CorruptCheckpointException | MissingObjectException e) {
      return Optional.empty();
    }
  }

  /** Reads the root summary as stored, treating a damaged one as absent (the write path's rule). */
  Optional<CheckpointSummary> readableSummary() throws IOException {
    try {
      return storedSummary();
    } catch (CorruptCheckpointException | MissingObjectException e) {
      return Optional.empty();
    }
  }

  /** Reads a slot's metadata; empty when the file is absent. */
  Optional<SessionMetadata> sessionMetadata(int slot) throws IOException {
    String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
    Optional<byte[]> bytes = readFile(path);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(SessionMetadataJson.decode(bytes.get(), where(path)));
  }

  boolean slotExists(int slot) {
    String prefix = slot + "/";
    SortedMap<String, TreeFiles.FileEntry> tail = files.tailMap(prefix);
    return !tail.isEmpty() && tail.firstKey().startsWith(prefix);
  }

  List<String> fileNamesInSlot(int slot) {
    return TreeFiles.fileNamesIn(files, Integer.toString(slot));
  }

  void clearSlot(int slot) {
    TreeFiles.removeDirectory(files, Integer.toString(slot));
  }

  void remove(String relative) {
    files.remove(relative);
  }

  void putBlob(String relative, ObjectId blob) {
    files.put(relative, TreeFiles.FileEntry.blob(blob));
  }

  /**
   * Writes the directory's trees and splices them into the root tree it was read from, rewriting
   * only the path root → shard → checkpoint (the trees on that path were read once, by
   * {@link #read}).
   *
   * @return the new root tree
   */
  ObjectId writeInto(ObjectInserter inserter) throws IOException {
    if (readOnly) {
      throw new IllegalStateException("checkpoint " + id + ": a directory read for some slots"
          + " only cannot be written");
    }
    if (path.isEmpty()) {
      return TreeFiles.write(inserter, files);
    }
    if (files.isEmpty()) {
      return path.get().put(inserter, FileMode.TREE, Optional.empty());
    }
    return path.get().put(inserter, FileMode.TREE,
        Optional.of(TreeFiles.write(inserter, files)));
  }
}
