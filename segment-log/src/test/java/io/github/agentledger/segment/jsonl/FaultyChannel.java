package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real file channel that can fail at a chosen positional write (after writing part of the
 * buffer, like a disk that fills up mid-write) or at a chosen force, and that counts forces and
 * records how many bytes the last completed force covered. Not a mock: every byte goes to disk.
 */
final class FaultyChannel extends FileChannel {
  private final FileChannel delegate;
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger forces = new AtomicInteger();
  private final AtomicLong durableSize = new AtomicLong();
  private volatile int failWriteAt = -1;
  private volatile int partialBytes;
  private volatile int failForceAt = -1;
  private volatile boolean failStreamWrites;

  FaultyChannel(FileChannel delegate) {
    this.delegate = delegate;
  }

  /** The {@code n}th positional write (1-based, counting from now on) writes part, then fails. */
  FaultyChannel failWrite(int n, int bytesBeforeFailing) {
    this.failWriteAt = writes.get() + n;
    this.partialBytes = bytesBeforeFailing;
    return this;
  }

  /** The {@code n}th force (1-based, counting from now on) fails. */
  FaultyChannel failForce(int n) {
    this.failForceAt = forces.get() + n;
    return this;
  }

  /** Every relative (stream) write and transferFrom fails, as a full disk would. */
  FaultyChannel failStreamWrites() {
    this.failStreamWrites = true;
    return this;
  }

  int forces() {
    return forces.get();
  }

  /** {@return the positional writes made so far} */
  int writes() {
    return writes.get();
  }

  /** {@return the file size seen at the start of the latest completed force} */
  long durableSize() {
    return durableSize.get();
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (writes.incrementAndGet() == failWriteAt) {
      int n = Math.min(partialBytes, src.remaining());
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + n);
      delegate.write(part, position);
      throw new IOException("injected failure after " + n + " bytes of a write");
    }
    return delegate.write(src, position);
  }

  @Override
  public void force(boolean metaData) throws IOException {
    long covered = delegate.size();
    if (forces.incrementAndGet() == failForceAt) {
      throw new IOException("injected force failure");
    }
    delegate.force(metaData);
    durableSize.accumulateAndGet(covered, Math::max);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (failStreamWrites) {
      throw new IOException("injected stream write failure");
    }
    return delegate.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return delegate.write(srcs, offset, length);
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target)
      throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count)
      throws IOException {
    if (failStreamWrites) {
      throw new IOException("injected stream write failure");
    }
    return delegate.transferFrom(src, position, count);
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
