package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CheckpointSummaryHead;
import io.github.agentledger.checkpoint.ListedCheckpoints;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The read paths of a ref holding summaries and session metadata: the v1 branch
 * (docs/checkpoint-format.md#reading-v1, from the local branch, else {@code
 * refs/remotes/origin/entire/checkpoints/v1}) or v2 {@code /main}
 * (docs/checkpoint-format.md#reading-v2, no fallback). What a session slot reads back, in
 * particular where its transcript comes from, is the {@link SlotReader}'s business. Thread-safe
 * (each call opens its own reader).
 */
final class MetadataRefReader {
  /** Reads one slot of a checkpoint directory read from the metadata ref. */
  @FunctionalInterface
  interface SlotReader {
    /**
     * Reads a slot.
     *
     * @param objects the reader the directory was read with
     * @return the content, or empty when the slot does not exist
     */
    Optional<SessionContent> read(ObjectReader objects, CheckpointDirectory dir, int slot)
        throws IOException;
  }

  /** The v1 slot reader: everything, transcript included, from the slot directory. */
  static final SlotReader V1_SLOTS = (objects, dir, slot) -> SessionReading.read(dir, slot,
      CheckpointFiles.V1_TRANSCRIPT, CheckpointFiles.V1_CONTENT_HASH,
      Optional.of(CheckpointFiles.V1_LEGACY_TRANSCRIPT));

  private final Repository repository;
  private final StoreSettings settings;
  private final List<String> refs;
  private final SlotReader slots;

  /**
   * Creates a reader.
   *
   * @param settings bound the objects reads open
   * @param refs the refs to read from, the first that exists wins
   * @param slots reads one slot
   */
  MetadataRefReader(Repository repository, StoreSettings settings, List<String> refs,
      SlotReader slots) {
    this.repository = repository;
    this.settings = settings;
    this.refs = List.copyOf(refs);
    this.slots = slots;
  }

  /** A tip that reads happen against, and the ref it came from. */
  private record Tip(RevCommit commit, String ref) {}

  /** What listings and summary reads parsed, by checkpoint tree: kept across tip moves. */
  private final ParsedCheckpoints parsed = new ParsedCheckpoints();

  /** The index of the tip the last listing or summary read saw; replaced when the tip moves. */
  private final AtomicReference<TreeIndex> index = new AtomicReference<>();

  /** {@return the index of the current tip, reusing the last one while the tip is unchanged} */
  private Optional<TreeIndex> index(ObjectReader objects) throws IOException {
    for (String name : refs) {
      Ref ref = repository.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        TreeIndex known = index.get();
        if (known != null && known.describes(ref.getObjectId(), name)) {
          return Optional.of(known);
        }
        TreeIndex fresh = TreeIndex.of(objects, ref.getObjectId(), name);
        index.set(fresh);
        return Optional.of(fresh);
      }
    }
    return Optional.empty();
  }

  private Optional<Tip> tip(RevWalk walk) throws IOException {
    for (String name : refs) {
      Ref ref = repository.exactRef(name);
      if (ref != null && ref.getObjectId() != null) {
        return Optional.of(new Tip(walk.parseCommit(ref.getObjectId()), name));
      }
    }
    return Optional.empty();
  }

  @FunctionalInterface
  private interface DirectoryRead<T> {
    Optional<T> apply(CheckpointDirectory dir) throws IOException;
  }

  private <T> Optional<T> withDirectory(CheckpointId id, DirectoryRead<T> read) {
    return withDirectory(id, CheckpointDirectory.SlotChoice.ALL,
        (objects, dir) -> read.apply(dir));
  }

  @FunctionalInterface
  private interface ObjectsDirectoryRead<T> {
    Optional<T> apply(ObjectReader objects, CheckpointDirectory dir) throws IOException;
  }

  private <T> Optional<T> withDirectory(CheckpointId id, CheckpointDirectory.SlotChoice slots,
      ObjectsDirectoryRead<T> read) {
    String ref = refs.get(0);
    try (ObjectReader objects = settings.newStreamingReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      Optional<Tip> tip = tip(walk);
      if (tip.isEmpty()) {
        return Optional.empty();
      }
      ref = tip.get().ref();
      RevTree root = tip.get().commit().getTree();
      CheckpointDirectory dir = CheckpointDirectory.readSlots(objects, Optional.of(root), id,
          tip.get().ref(), slots);
      return dir.existed() ? read.apply(objects, dir) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "checkpoint " + id, ref);
    }
  }

  /**
   * Reads a summary with one session per slot directory. Shallow: reads the checkpoint's tree
   * entries and its summary blob, and the entries of a slot directory only when the summary does
   * not list it; no slot's files are read.
   */
  Optional<CheckpointSummary> summary(CheckpointId id) {
    try (ObjectReader objects = settings.newReader(repository)) {
      Optional<TreeIndex> tip = index(objects);
      if (tip.isEmpty()) {
        return Optional.empty();
      }
      Optional<ObjectId> tree = tip.get().checkpoint(objects, id);
      if (tree.isEmpty()) {
        return Optional.empty();
      }
      Optional<CheckpointSummary> known = parsed.summary(id, tree.get());
      if (known.isPresent()) {
        return known;
      }
      String where = tip.get().ref() + ":" + CheckpointFiles.fromRoot(id, CheckpointFiles.METADATA)
          + " (checkpoint " + id + ")";
      Optional<CheckpointSummary> read = CheckpointListing.summary(objects, id,
          TreeSurgery.read(objects, tree.get()), blob -> tip.get().summary(blob,
              () -> SummaryJson.decode(Blobs.read(objects, blob), where)));
      read.ifPresent(s -> parsed.putSummary(id, tree.get(), s));
      return read;
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "the summary of checkpoint " + id, refs.get(0));
    }
  }

  /**
   * Reads the head of a summary (see {@link CheckpointStore#readSummaryHead}): one streamed pass
   * over the checkpoint's tree (the summary blob, the slot count and the {@code max} lowest slot
   * directories) and one over its summary blob, decoding the {@code sessions[]} entries only
   * until those slots are found; a slot the summary does not list reads its own tree. A
   * checkpoint a listing or summary read already parsed is answered from that.
   */
  Optional<CheckpointSummaryHead> summaryHead(CheckpointId id, int max) {
    try (ObjectReader objects = settings.newStreamingReader(repository)) {
      Optional<TreeIndex> tip = index(objects);
      if (tip.isEmpty()) {
        return Optional.empty();
      }
      Optional<ObjectId> tree = tip.get().checkpoint(objects, id);
      if (tree.isEmpty()) {
        return Optional.empty();
      }
      Optional<CheckpointSummary> known = parsed.summary(id, tree.get());
      if (known.isPresent()) {
        return Optional.of(CheckpointSummaryHead.of(known.get(), max));
      }
      String where = tip.get().ref() + ":" + CheckpointFiles.fromRoot(id, CheckpointFiles.METADATA)
          + " (checkpoint " + id + ")";
      return SummaryHeads.read(objects, tree.get(), SlotPaths.Placement.sharded(id), max,
          where);
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "the summary of checkpoint " + id, refs.get(0));
    }
  }

  Optional<SessionContent> session(CheckpointId id, int index) {
    return withDirectory(id, CheckpointDirectory.SlotChoice.only(index),
        (objects, dir) -> slots.read(objects, dir, index));
  }

  Optional<SessionContent> session(CheckpointId id, AgentSessionId sessionId) {
    return withDirectory(id, CheckpointDirectory.SlotChoice.ALL, (objects, dir) -> {
      OptionalInt slot = dir.slotOf(sessionId);
      return slot.isEmpty() ? Optional.empty() : slots.read(objects, dir, slot.getAsInt());
    });
  }

  /** The session in the highest slot directory (the most recently added). */
  Optional<SessionContent> latestSession(CheckpointId id) {
    return withDirectory(id, CheckpointDirectory.SlotChoice.latest(),
        (objects, dir) -> dir.slots().isEmpty() ? Optional.empty()
            : slots.read(objects, dir, dir.slots().last()));
  }

  List<CheckpointListEntry> list() {
    return listing().entries();
  }

  /** Lists the checkpoints of the tip, reporting what cannot be read (see {@link CheckpointListing}). */
  ListedCheckpoints listing() {
    try (ObjectReader objects = settings.newReader(repository)) {
      Optional<TreeIndex> tip = index(objects);
      if (tip.isEmpty()) {
        return new ListedCheckpoints(List.of(), List.of());
      }
      return CheckpointListing.list(objects, tip.get(), parsed);
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "the checkpoint listing", refs.get(0));
    }
  }

  /** {@return whether the ref holds a directory for the checkpoint} */
  boolean contains(CheckpointId id) {
    return withDirectory(id, CheckpointDirectory.SlotChoice.NONE, (objects, dir) -> Optional.of(true))
        .isPresent();
  }

  Optional<Author> author(CheckpointId id) {
    String subject = V1Messages.checkpointSubject(id);
    try (ObjectReader objects = settings.newReader(repository);
        RevWalk walk = new RevWalk(objects)) {
      Optional<Tip> tip = tip(walk);
      if (tip.isEmpty()) {
        return Optional.empty();
      }
      walk.sort(RevSort.COMMIT_TIME_DESC);
      walk.markStart(tip.get().commit());
      for (RevCommit commit : walk) {
        String message = commit.getFullMessage();
        int end = message.indexOf('\n');
        if ((end < 0 ? message : message.substring(0, end)).equals(subject)) {
          PersonIdent ident = commit.getAuthorIdent();
          return Optional.of(Author.of(ident.getName(), ident.getEmailAddress()));
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw ReadFailures.translate(e, "the author of checkpoint " + id, refs.get(0));
    }
  }
}
