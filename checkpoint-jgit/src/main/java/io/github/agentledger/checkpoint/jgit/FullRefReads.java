package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationLocation;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /** {@return the slot's transcript from the first generation holding one, else empty} */
  Transcript transcript(ObjectReader objects, CheckpointId id, int slot) throws IOException {
    try (RevWalk walk = new RevWalk(objects)) {
      for (Generations.GenerationRef generation : Generations.searchOrder(repository)) {
        byte[] bytes;
        try {
          Optional<ObjectId> slotTree = slotTree(objects, walk, generation, id, slot);
          if (slotTree.isEmpty()) {
            continue;
          }
          bytes = readTranscript(objects, slotTree.get(), slotWhere(generation, id, slot));
        } catch (MissingObjectException missing) {
          throw missing; // the slot reader reports a transcript that is not available locally
        } catch (IOException | RuntimeException e) {
          throw ReadFailures.translate(e, "the transcript of checkpoint " + id + " slot " + slot,
              generation.ref());
        }
        if (bytes.length > 0) {
          return Transcript.of(bytes);
        }
      }
    }
    return Transcript.empty();
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
    List<String> names = new ArrayList<>();
    for (TreeSurgery.Entry entry : TreeSurgery.read(objects, slotTree)) {
      if (entry.mode() != FileMode.TREE) {
        names.add(entry.name());
      }
    }
    return names;
  }

  /** The ref and path of a slot directory in a generation, for messages. */
  private static String slotWhere(Generations.GenerationRef generation, CheckpointId id,
      int slot) {
    return generation.ref() + ":" + CheckpointFiles.fromRoot(id, slot + "/") + " (checkpoint "
        + id + ")";
  }

  /**
   * Reassembles the transcript of a slot tree, trying each naming; empty when there is none.
   *
   * @param where the ref and path of the slot directory, for messages
   * @throws CorruptCheckpointException if the chunks do not form one complete set, or one is not
   *     a file
   */
  static byte[] readTranscript(ObjectReader objects, ObjectId slotTree, String where)
      throws IOException {
    List<TreeSurgery.Entry> entries = TreeSurgery.read(objects, slotTree);
    Map<String, TreeSurgery.Entry> files = new HashMap<>();
    for (TreeSurgery.Entry entry : entries) {
      if (entry.mode() != FileMode.TREE) {
        // As a lookup finds a name: the last entry of that name wins.
        files.put(entry.name(), entry);
      }
    }
    for (TranscriptNames naming : TranscriptNames.V2_FULL) {
      List<String> ordered = TranscriptChunks.orderedChunkNames(files.keySet(), naming.base(),
          Optional.empty(), where);
      if (ordered.isEmpty()) {
        continue;
      }
      List<byte[]> chunks = new ArrayList<>();
      for (String name : ordered) {
        TreeSurgery.Entry entry = Objects.requireNonNull(files.get(name), "a chunk is listed");
        if (entry.mode().getObjectType() != Constants.OBJ_BLOB) {
          throw new CorruptCheckpointException(where, "transcript chunk " + name + " ("
              + entry.id().name() + ") is not a file (a submodule link)", null);
        }
        chunks.add(Blobs.read(objects, entry.id()));
      }
      byte[] joined = TranscriptChunks.join(chunks);
      if (joined.length > 0) {
        return joined;
      }
    }
    return new byte[0];
  }
}
