package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Reads and writes blobs. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class Blobs {
  private Blobs() {}

  public static byte[] read(ObjectReader reader, AnyObjectId id) throws IOException {
    return reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
  }

  public static ObjectId insert(ObjectInserter inserter, byte[] content) throws IOException {
    return inserter.insert(Constants.OBJ_BLOB, content);
  }
}
