package io.github.agentledger.checkpoint.jgit;

import java.io.IOException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/** Reads and writes blobs. Stateless. */
final class Blobs {
  private Blobs() {}

  static byte[] read(ObjectReader reader, AnyObjectId id) throws IOException {
    return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
  }

  static ObjectId insert(ObjectInserter inserter, byte[] content) throws IOException {
    return inserter.insert(Constants.OBJ_BLOB, content);
  }
}
