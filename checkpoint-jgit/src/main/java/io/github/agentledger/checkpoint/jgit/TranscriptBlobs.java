package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A transcript stored as chunk blobs plus its content-hash blob, computed once and placed into
 * any number of slots (or retried attempts) by id.
 *
 * @param chunks the chunk blobs, in order
 * @param hash the {@code sha256:<hex>} of the whole transcript
 * @param hashBlob the blob holding {@code hash}
 */
record TranscriptBlobs(List<ObjectId> chunks, String hash, ObjectId hashBlob) {
  TranscriptBlobs {
    chunks = List.copyOf(chunks);
  }

  static TranscriptBlobs insert(ObjectInserter inserter, byte[] transcript, int maxChunkBytes)
      throws IOException {
    List<ObjectId> ids = new ArrayList<>();
    for (byte[] chunk : TranscriptChunks.split(transcript, maxChunkBytes)) {
      ids.add(Blobs.insert(inserter, chunk));
    }
    String hash = ContentHash.of(transcript);
    return new TranscriptBlobs(ids, hash, Blobs.insert(inserter, ContentHash.fileBytes(hash)));
  }

  /** Places the chunks as {@code <slot>/<base>[.NNN]} and the hash as {@code <slot>/<hashName>}. */
  void placeInto(CheckpointDirectory dir, int slot, String base, String hashName) {
    for (int i = 0; i < chunks.size(); i++) {
      dir.putBlob(CheckpointFiles.inSlot(slot, TranscriptChunks.chunkName(base, i)),
          chunks.get(i));
    }
    dir.putBlob(CheckpointFiles.inSlot(slot, hashName), hashBlob);
  }
}
