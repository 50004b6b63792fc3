package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * The raw-transcript generations of the v2 layout (spec §6.1, §6.3): {@code /full/current} and
 * the archives {@code refs/entire/checkpoints/v2/full/<13 digits>}; refs under the prefix with any
 * other suffix are ignored. Also reads a generation tree's {@code generation.json} and counts its
 * checkpoint directories. Stateless.
 */
final class Generations {
  private static final Pattern THIRTEEN_DIGITS = Pattern.compile("\\d{13}");

  /**
   * One existing generation ref.
   *
   * @param ref the ref name
   * @param number the archive number, 0 for {@code /full/current}
   * @param tip the commit the ref points at
   */
  record GenerationRef(String ref, long number, ObjectId tip) {
    GenerationRef {
      tip = tip.copy();
    }

    boolean isCurrent() {
      return number == 0;
    }
  }

  private Generations() {}

  /** {@return the archive number of a ref name, empty when it is not a 13-digit archive} */
  static OptionalLong archiveNumber(String refName) {
    if (!refName.startsWith(RefNames.V2_FULL_PREFIX)) {
      return OptionalLong.empty();
    }
    String suffix = refName.substring(RefNames.V2_FULL_PREFIX.length());
    if (!THIRTEEN_DIGITS.matcher(suffix).matches()) {
      return OptionalLong.empty();
    }
    long number = Long.parseLong(suffix);
    return number < 1 ? OptionalLong.empty() : OptionalLong.of(number);
  }

  /** {@return the local archives, oldest (lowest number) first} */
  static List<GenerationRef> archives(Repository repository) throws IOException {
    List<GenerationRef> archives = new ArrayList<>();
    for (Ref ref : repository.getRefDatabase().getRefsByPrefix(RefNames.V2_FULL_PREFIX)) {
      OptionalLong number = archiveNumber(ref.getName());
      if (number.isPresent() && ref.getObjectId() != null) {
        archives.add(new GenerationRef(ref.getName(), number.getAsLong(), ref.getObjectId()));
      }
    }
    archives.sort(Comparator.comparingLong(GenerationRef::number));
    return archives;
  }

  /** {@return {@code /full/current}, when it exists} */
  static Optional<GenerationRef> current(Repository repository) throws IOException {
    Ref ref = repository.exactRef(RefNames.V2_FULL_CURRENT);
    return ref == null || ref.getObjectId() == null ? Optional.empty()
        : Optional.of(new GenerationRef(ref.getName(), 0, ref.getObjectId()));
  }

  /** {@return the order a transcript is searched in: current, then archives newest first} */
  static List<GenerationRef> searchOrder(Repository repository) throws IOException {
    List<GenerationRef> order = new ArrayList<>();
    current(repository).ifPresent(order::add);
    List<GenerationRef> archives = archives(repository);
    for (int i = archives.size() - 1; i >= 0; i--) {
      order.add(archives.get(i));
    }
    return order;
  }

  /**
   * Reads {@code generation.json} at the root of a generation tree.
   *
   * @return the metadata, empty when the file is absent
   * @throws CorruptCheckpointException when the file cannot be understood
   */
  static Optional<GenerationMetadata> readFile(ObjectReader reader, RevTree root, String ref)
      throws IOException {
    Optional<ObjectId> blob =
        TreeSurgery.lookup(reader, root, CheckpointFiles.GENERATION, FileMode.REGULAR_FILE);
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(GenerationJson.decode(Blobs.read(reader, blob.get()),
        ref + ":" + CheckpointFiles.GENERATION));
  }

  /** {@return the checkpoint ids whose directories a tree holds, in tree order (spec §2.1)} */
  static List<CheckpointId> checkpointIds(ObjectReader reader, RevTree root) throws IOException {
    List<CheckpointId> ids = new ArrayList<>();
    for (TreeSurgery.Entry shard : TreeSurgery.read(reader, root)) {
      if (shard.mode() != FileMode.TREE || shard.name().length() != 2) {
        continue;
      }
      for (TreeSurgery.Entry rest : TreeSurgery.read(reader, shard.id())) {
        String text = shard.name() + rest.name();
        if (rest.mode() == FileMode.TREE && CheckpointId.isValid(text)) {
          ids.add(CheckpointId.parse(text));
        }
      }
    }
    return ids;
  }

  /**
   * The metadata a generation tree describes: its {@code generation.json} when that lists
   * checkpoints, else the ids of its directories with whatever timestamps the file gives.
   */
  static GenerationMetadata describe(ObjectReader reader, RevTree root, String ref)
      throws IOException {
    Optional<GenerationMetadata> file = readFile(reader, root, ref);
    if (file.isPresent() && !file.get().checkpoints().isEmpty()) {
      return file.get();
    }
    List<CheckpointId> ids = checkpointIds(reader, root);
    return new GenerationMetadata(ids,
        file.flatMap(GenerationMetadata::oldestCheckpointAt),
        file.flatMap(GenerationMetadata::newestCheckpointAt));
  }
}
