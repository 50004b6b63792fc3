package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * An object reader that refuses any object larger than a limit before its content is loaded: the
 * size comes from the object's header, so a 2 GiB blob costs a few bytes of reading, never 2 GiB
 * of heap. JGit opens objects above its streaming threshold (50 MiB by
 * default) lazily, so at a limit above that threshold the size of the opened loader is checked
 * at no extra cost; below it, JGit would inflate the object on opening, so the size is first read
 * from the header ({@link ObjectReader#getObjectSize}). What it refuses is a {@link LargeObjectException.ExceedsLimit} naming the object, which
 * the stores translate into their own exceptions. Not thread-safe, as any {@link ObjectReader}.
 *
 * <p>Internal, may change without notice.
 */
public final class BoundedObjectReader extends ObjectReader.Filter {
  /** JGit's default streaming threshold ({@code WindowCacheConfig}), 50 MiB. */
  static final long STREAMING_THRESHOLD = 50L * 1024 * 1024;

  private final ObjectReader delegate;
  private final long maxBytes;

  private BoundedObjectReader(ObjectReader delegate, long maxBytes) {
    this.delegate = delegate;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens a reader on a repository's objects.
   *
   * @param repository the repository
   * @param maxBytes the largest object it opens, in bytes
   * @return the reader; close it
   */
  public static ObjectReader open(Repository repository, long maxBytes) {
    return new BoundedObjectReader(repository.newObjectReader(), maxBytes);
  }

  /**
   * Opens a reader that also streams every object larger than {@code streamThreshold} instead
   * of loading it whole: a caller reading such an object through {@link
   * org.eclipse.jgit.lib.ObjectLoader#openStream} holds a buffer, not the object.
   *
   * @param repository the repository
   * @param maxBytes the largest object it opens, in bytes
   * @param streamThreshold the size above which objects are streamed, in bytes
   * @return the reader; close it
   */
  public static ObjectReader openStreaming(Repository repository, long maxBytes,
      int streamThreshold) {
    ObjectReader delegate = repository.newObjectReader();
    delegate.setStreamFileThreshold(streamThreshold);
    return new BoundedObjectReader(delegate, maxBytes);
  }

  @Override
  protected ObjectReader delegate() {
    return delegate;
  }

  @Override
  public ObjectReader newReader() {
    ObjectReader fresh = delegate.newReader();
    fresh.setStreamFileThreshold(delegate.getStreamFileThreshold());
    return new BoundedObjectReader(fresh, maxBytes);
  }

  @Override
  public ObjectLoader open(AnyObjectId objectId) throws IOException {
    return open(objectId, OBJ_ANY);
  }

  @Override
  public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
    if (maxBytes < STREAMING_THRESHOLD) {
      check(objectId, delegate.getObjectSize(objectId, typeHint));
    }
    return bounded(objectId, delegate.open(objectId, typeHint));
  }

  private ObjectLoader bounded(AnyObjectId objectId, ObjectLoader loader) {
    check(objectId, loader.getSize());
    return loader;
  }

  private void check(AnyObjectId objectId, long size) {
    if (size > maxBytes) {
      LargeObjectException e = new LargeObjectException.ExceedsLimit(maxBytes, size);
      e.setObjectId(objectId);
      throw e;
    }
  }
}
