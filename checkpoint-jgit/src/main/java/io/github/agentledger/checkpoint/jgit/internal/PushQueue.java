package io.github.agentledger.checkpoint.jgit.internal;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The durable queue of checkpoint refs written locally and not yet confirmed on the remote, for
 * the git-refs layout (one ref per checkpoint, docs/git-refs-layout.md).
 *
 * <p>Internal, may change without notice.
 *
 * <p><b>Format.</b> A file {@value #FILE_NAME} in the git common directory (shared by every
 * worktree of the repository), one JSON record per line,
 * {@code {"ref":"refs/entire/checkpoints/ZN/01K…"}} followed by {@code \n}. A line is committed when its {@code \n} is on disk; a torn last line
 * (a writer killed mid-append) is skipped by readers and fenced off by the next append. Format
 * version 1; lines that are not such a record are skipped, never fatal. The Entire CLI keeps its
 * own queue under another name with another lock (flock), so the two tools never share a file
 * whose lock one of them would not honour.
 *
 * <p><b>Durability and concurrency.</b> Every operation holds an exclusive lock on
 * {@value #LOCK_NAME} (an OS file lock, honoured across processes). {@link #enqueue} appends and
 * forces the file to disk before it returns. {@link #removeIf} rewrites the file into a temporary
 * file, forces it and renames it over the queue atomically, so a crash leaves the old queue or the
 * new one, never a mixture. Entries are removed only by {@link #removeIf}, which the sync calls
 * after the remote confirmed a push and only for refs whose local value is still the one pushed;
 * a writer therefore enqueues before and after it moves a ref (see the store), so that neither a
 * crash nor a concurrent push can drop the entry of a ref that still needs pushing. Thread-safe,
 * and safe across processes.
 */
public final class PushQueue {
  /** The queue file's name in the git common directory. */
  public static final String FILE_NAME = "agentledger-checkpoint-push-queue.jsonl";
  /** The lock file's name in the git common directory. */
  public static final String LOCK_NAME = "agentledger-checkpoint-push-queue.lock";
  private static final String PREFIX = "{\"ref\":\"";
  private static final String SUFFIX = "\"}";

  private final Path file;
  private final Path lockFile;

  private PushQueue(Path directory) {
    this.file = directory.resolve(FILE_NAME);
    this.lockFile = directory.resolve(LOCK_NAME);
  }

  /**
   * Opens the queue of a git common directory (nothing is created until the first enqueue).
   *
   * @param gitCommonDirectory the repository's common directory ({@code .git} of the main
   *     worktree)
   * @return the queue
   */
  public static PushQueue in(Path gitCommonDirectory) {
    return new PushQueue(Objects.requireNonNull(gitCommonDirectory, "gitCommonDirectory"));
  }

  /** {@return the queue file} */
  public Path file() {
    return file;
  }

  /**
   * Appends refs to the queue and forces them to disk.
   *
   * @param refs full ref names; each must be a single line without {@code "} or {@code \}
   * @throws IllegalArgumentException if a ref name could not be stored
   * @throws CheckpointStorageException if the file cannot be written
   */
  public void enqueue(Collection<String> refs) {
    StringBuilder lines = new StringBuilder();
    for (String ref : refs) {
      if (ref.isEmpty() || ref.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\')) {
        throw new IllegalArgumentException("ref name cannot be queued: \"" + ref + "\"");
      }
      lines.append(PREFIX).append(ref).append(SUFFIX).append('\n');
    }
    if (lines.length() == 0) {
      return;
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    lockedAction("append to", () -> {
      try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.READ)) {
        long size = out.size();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (size > 0 && !endsWithNewline(out, size)) {
          // A writer died mid-line: fence the torn record off so it is never glued to ours.
          ByteBuffer fenced = ByteBuffer.allocate(bytes.length + 1);
          fenced.put((byte) '\n').put(bytes).flip();
          buffer = fenced;
        }
        out.position(size);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
    });
  }

  /**
   * Reads the queued refs, each once, in the order they were first queued.
   *
   * @return the refs
   * @throws CheckpointStorageException if the file cannot be read
   */
  public List<String> refs() {
    return locked("read", () -> List.copyOf(readRefs()));
  }

  /**
   * Removes every entry of each queued ref the predicate accepts, atomically. The predicate runs
   * under the queue's lock, so it sees a queue that no writer is changing.
   *
   * @param remove says, for a queued ref, whether all its entries go
   * @return the refs removed
   * @throws CheckpointStorageException if the file cannot be rewritten
   */
  public List<String> removeIf(Predicate<String> remove) {
    return locked("rewrite", () -> {
      Set<String> queued = readRefs();
      List<String> removed = new ArrayList<>();
      StringBuilder kept = new StringBuilder();
      for (String ref : queued) {
        if (remove.test(ref)) {
          removed.add(ref);
        } else {
          kept.append(PREFIX).append(ref).append(SUFFIX).append('\n');
        }
      }
      if (removed.isEmpty() && !Files.exists(file)) {
        return List.of();
      }
      Path temp = file.resolveSibling(FILE_NAME + ".tmp");
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(kept.toString().getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return List.copyOf(removed);
    });
  }

  private Set<String> readRefs() throws IOException {
    Set<String> refs = new LinkedHashSet<>();
    if (!Files.exists(file)) {
      return refs;
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        break; // a torn last line: its append never returned
      }
      String line = text.substring(start, end);
      if (line.startsWith(PREFIX) && line.endsWith(SUFFIX)
          && line.length() > PREFIX.length() + SUFFIX.length()) {
        refs.add(line.substring(PREFIX.length(), line.length() - SUFFIX.length()));
      }
      start = end + 1;
    }
    return refs;
  }

  private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) == '\n';
  }

  @FunctionalInterface
  private interface Body<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }

  private void lockedAction(String what, Action action) {
    locked(what, () -> {
      action.run();
      return Boolean.TRUE;
    });
  }

  private <T> T locked(String what, Body<T> body) {
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
          FileLock lock = acquire(channel)) {
        return body.run();
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("push queue " + file + ": cannot " + what + " it: "
          + e.getMessage(), e);
    }
  }

  /**
   * Takes the OS lock. Within one JVM a second channel on a locked file gets
   * {@link OverlappingFileLockException} instead of waiting, so that case waits here.
   */
  private static FileLock acquire(FileChannel channel) throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException heldInThisJvm) {
        Thread.onSpinWait();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the queue lock", e);
        }
      }
    }
  }
}
