package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.BlobId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Reads raw transcripts from the v2 generations (docs/checkpoint-format.md#reading-v2): {@code
 * /full/current}, then the archives from the highest number down; the first slot with a non-empty
 * transcript wins, so a checkpoint stored in two generations (rewritten after its generation was
 * archived, or left in both by an interrupted rotation) is read once, from the newest. A slot may
 * use our names ({@code full.jsonl[.NNN]} + {@code content_hash.txt}) or the later upstream ones
 * ({@code raw_transcript[.NNN]} + {@code raw_transcript_hash.txt}). Every lookup follows one tree
 * path (root → shard → checkpoint → slot); no generation tree is walked. Thread-safe.
 */
final class FullRefReads {
  /**
   * Where a session slot's raw transcript lives.
   *
   * @param generation the generation ref
   * @param slotTree the slot directory's tree
   * @param complete whether the slot holds both transcript chunks and a hash file
   */
  record SlotLocation(Generations.GenerationRef generation, ObjectId slotTree, boolean complete) {}

  private final Repository repository;
  private final StoreSettings settings;

  FullRefReads(Repository repository, StoreSettings settings) {
    this.repository = repository;
    this.settings = settings;
  }

  /**
   * Loads a slot's raw transcript from the first generation holding one, with the content hash
   * stored beside it (the hash file of the same naming, in the same slot tree). When a chunk of
   * that transcript names an object the local object database lacks, the search stops there (an
   * older generation's copy would be stale) and the result names the missing object; the hash
   * still reads when its own object is present.
   *
   * @return the transcript, its stored hash and what is missing; an empty transcript without hash
   *     when no generation holds one
   */
  SessionReading.Loaded transcript(ObjectReader objects, CheckpointId id, int slot)
      throws IOException {
    try (RevWalk walk = new RevWalk(objects)) {
      for (Generations.GenerationRef generation : Generations.searchOrder(repository)) {
        Optional<SessionReading.Loaded> loaded;
        try {
          Optional<ObjectId> slotTree = slotTree(objects, walk, generation, id, slot);
          if (slotTree.isEmpty()) {
            continue;
          }
          loaded = load(objects, id, slot, slotTree.get(), slotWhere(generation, id, slot));
        } catch (MissingObjectException missing) {
          throw missing; // the slot reader reports a transcript that is not available locally
        } catch (IOException | RuntimeException e) {
          throw ReadFailures.translate(e, "the transcript of checkpoint " + id + " slot " + slot,
              generation.ref());
        }
        if (loaded.isPresent()) {
          return loaded.get();
        }
      }
    }
    return SessionReading.Loaded.of(Transcript.empty());
  }

  /**
   * Reads the transcript of one slot tree under the first naming that yields a non-empty one.
   *
   * @return empty when the slot holds no non-empty transcript under any naming
   */
  private static Optional<SessionReading.Loaded> load(ObjectReader objects, CheckpointId id,
      int slot, ObjectId slotTree, String where) throws IOException {
    List<TreeSurgery.Entry> entries = TreeSurgery.read(objects, slotTree);
    List<String> names = fileNames(entries);
    for (TranscriptNames naming : TranscriptNames.V2_FULL) {
      List<String> ordered =
          TranscriptChunks.orderedChunkNames(names, naming.base(), Optional.empty(), where);
      if (ordered.isEmpty()) {
        continue;
      }
      List<byte[]> chunks = new ArrayList<>();
      for (String name : ordered) {
        TreeSurgery.Entry entry = lastEntry(entries, name).orElseThrow();
        if (entry.mode().getObjectType() != Constants.OBJ_BLOB) {
          throw new CorruptCheckpointException(where, "transcript chunk " + name + " ("
              + entry.id().name() + ") is not a file (a submodule link)", null);
        }
        ObjectId blob = entry.id();
        try {
          chunks.add(Blobs.read(objects, blob));
        } catch (MissingObjectException e) {
          return Optional.of(new SessionReading.Loaded(Transcript.empty(),
              hash(objects, entries, naming), Optional.of(new TranscriptNotAvailable(id, slot,
                  CheckpointFiles.fromRoot(id, CheckpointFiles.inSlot(slot, name)),
                  BlobId.parse(blob.name())))));
        }
      }
      byte[] joined = TranscriptChunks.join(chunks);
      if (joined.length > 0) {
        return Optional.of(new SessionReading.Loaded(Transcript.of(joined),
            hash(objects, entries, naming), Optional.empty()));
      }
    }
    return Optional.empty();
  }

  /** {@return the text of the naming's hash file, empty when absent or its object is missing} */
  private static Optional<String> hash(ObjectReader objects, List<TreeSurgery.Entry> entries,
      TranscriptNames naming) throws IOException {
    Optional<ObjectId> blob = lastFile(entries, naming.hash());
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Blobs.read(objects, blob.get()), StandardCharsets.UTF_8));
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }

  private static Optional<ObjectId> lastFile(List<TreeSurgery.Entry> entries, String name) {
    return lastEntry(entries, name).map(TreeSurgery.Entry::id);
  }

  /** {@return the last non-directory entry of that name: the one a lookup finds} */
  private static Optional<TreeSurgery.Entry> lastEntry(List<TreeSurgery.Entry> entries,
      String name) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      TreeSurgery.Entry entry = entries.get(i);
      if (entry.name().equals(name) && entry.mode() != FileMode.TREE) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  private static List<String> fileNames(List<TreeSurgery.Entry> entries) {
    List<String> names = new ArrayList<>();
    for (TreeSurgery.Entry entry : entries) {
      if (entry.mode() != FileMode.TREE) {
        names.add(entry.name());
      }
    }
    return names;
  }

  /**
   * Finds where a slot lives, as a finalisation looks for it
   * (docs/checkpoint-format.md#v2-fullcurrent-and-archives): the first generation where the slot
   * has a transcript and its hash, else the first where the slot directory exists.
   *
   * @param order the generations to look in, in {@link Generations#searchOrder} order or a prefix
   *     of it
   */
  Optional<SlotLocation> locate(ObjectReader objects, List<Generations.GenerationRef> order,
      CheckpointId id, int slot) throws IOException {
    Optional<SlotLocation> partial = Optional.empty();
    try (RevWalk walk = new RevWalk(objects)) {
      for (Generations.GenerationRef generation : order) {
        Optional<ObjectId> slotTree = slotTree(objects, walk, generation, id, slot);
        if (slotTree.isEmpty()) {
          continue;
        }
        List<String> names = names(objects, slotTree.get());
        for (TranscriptNames naming : TranscriptNames.V2_FULL) {
          if (names.contains(naming.hash()) && !TranscriptChunks.orderedChunkNames(names,
              naming.base(), Optional.empty(), slotWhere(generation, id, slot)).isEmpty()) {
            return Optional.of(new SlotLocation(generation, slotTree.get(), true));
          }
        }
        if (partial.isEmpty()) {
          partial = Optional.of(new SlotLocation(generation, slotTree.get(), false));
        }
      }
    }
    return partial;
  }

  /**
   * Finds the generation that holds a checkpoint, in the read order. A generation whose
   * {@code generation.json} lists the id is taken at its word (no tree lookup); otherwise the
   * checkpoint's directory is looked up by path.
   */
  Optional<GenerationLocation> generationOf(CheckpointId id) {
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      for (Generations.GenerationRef generation : Generations.searchOrder(repository)) {
        RevTree root = walk.parseCommit(generation.tip()).getTree();
        Optional<GenerationMetadata> file = Generations.readFile(objects, root, generation.ref());
        boolean listed = file.isPresent() && file.get().checkpoints().contains(id);
        if (listed || TreeSurgery.lookup(objects, root, id.shardedPath(), FileMode.TREE)
            .isPresent()) {
          return Optional.of(generation.isCurrent() ? GenerationLocation.current()
              : GenerationLocation.archived(generation.number()));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new CheckpointStorageException("looking up the generation of checkpoint " + id
          + " under " + RefNames.V2_FULL_PREFIX + " failed: " + e.getMessage(), e);
    }
  }

  /** {@return every archived generation, oldest first, with what it holds} */
  List<ArchivedGeneration> archived() {
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      List<ArchivedGeneration> out = new ArrayList<>();
      for (Generations.GenerationRef archive : Generations.archives(repository)) {
        RevTree root = walk.parseCommit(archive.tip()).getTree();
        out.add(new ArchivedGeneration(archive.number(),
            Generations.describe(objects, root, archive.ref())));
      }
      return out;
    } catch (IOException e) {
      throw new CheckpointStorageException("listing the archived generations under "
          + RefNames.V2_FULL_PREFIX + " failed: " + e.getMessage(), e);
    }
  }

  /** {@return what {@code /full/current} holds, empty when the ref does not exist} */
  Optional<GenerationMetadata> current() {
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      Optional<Generations.GenerationRef> current = Generations.current(repository);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      RevTree root = walk.parseCommit(current.get().tip()).getTree();
      return Optional.of(Generations.describe(objects, root, current.get().ref()));
    } catch (IOException e) {
      throw new CheckpointStorageException("reading " + RefNames.V2_FULL_CURRENT + " failed: "
          + e.getMessage(), e);
    }
  }

  private static Optional<ObjectId> slotTree(ObjectReader objects, RevWalk walk,
      Generations.GenerationRef generation, CheckpointId id, int slot) throws IOException {
    RevTree root = walk.parseCommit(generation.tip()).getTree();
    return TreeSurgery.lookup(objects, root, CheckpointFiles.fromRoot(id, Integer.toString(slot)),
        FileMode.TREE);
  }

  private static List<String> names(ObjectReader objects, ObjectId slotTree) throws IOException {
    return fileNames(TreeSurgery.read(objects, slotTree));
  }

  /** The ref and path of a slot directory in a generation, for messages. */
  private static String slotWhere(Generations.GenerationRef generation, CheckpointId id,
      int slot) {
    return generation.ref() + ":" + CheckpointFiles.fromRoot(id, slot + "/") + " (checkpoint "
        + id + ")";
  }
}
