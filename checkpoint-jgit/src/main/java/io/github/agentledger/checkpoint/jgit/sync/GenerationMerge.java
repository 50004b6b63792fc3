package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Merges two {@code generation.json} files of one generation semantically: the union of their
 * checkpoint ids (theirs in order, then ours not already listed), the earlier
 * {@code oldest_checkpoint_at} and the later {@code newest_checkpoint_at}. A side that does not
 * parse is ignored (the other is kept as it is); when neither parses, ours is kept. Stateless.
 */
final class GenerationMerge {
  private GenerationMerge() {}

  static ObjectId merge(ObjectReader reader, ObjectInserter inserter, ObjectId ours,
      ObjectId theirs) throws IOException {
    Optional<GenerationMetadata> o = decode(reader, ours);
    Optional<GenerationMetadata> t = decode(reader, theirs);
    if (o.isEmpty()) {
      return t.isPresent() ? theirs.copy() : ours.copy();
    }
    if (t.isEmpty()) {
      return ours.copy();
    }
    return Blobs.insert(inserter, GenerationJson.encode(merge(o.get(), t.get())));
  }

  static GenerationMetadata merge(GenerationMetadata ours, GenerationMetadata theirs) {
    Set<CheckpointId> ids = new LinkedHashSet<>(theirs.checkpoints());
    ids.addAll(ours.checkpoints());
    Optional<Instant> oldest = Stream.of(ours.oldestCheckpointAt(), theirs.oldestCheckpointAt())
        .flatMap(Optional::stream).min(Instant::compareTo);
    Optional<Instant> newest = Stream.of(ours.newestCheckpointAt(), theirs.newestCheckpointAt())
        .flatMap(Optional::stream).max(Instant::compareTo);
    return new GenerationMetadata(List.copyOf(ids), oldest, newest);
  }

  private static Optional<GenerationMetadata> decode(ObjectReader reader, ObjectId blob)
      throws IOException {
    try {
      return Optional.of(
          GenerationJson.decode(Blobs.read(reader, blob), CheckpointFiles.GENERATION));
    } catch (CorruptCheckpointException e) {
      return Optional.empty();
    }
  }
}
