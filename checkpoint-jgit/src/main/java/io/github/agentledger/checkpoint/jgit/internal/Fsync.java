package io.github.agentledger.checkpoint.jgit.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Forces what a checkpoint write stored to stable storage, when the store was asked to: the
 * loose objects an inserter wrote (on its {@code flush}, so before any ref points at them) and
 * the ref files a compare-and-swap moved. Each forced file or directory is reported to an
 * observer (tests count them; no file system is mocked). Repositories that are not on disk are
 * never forced. Thread-safe; the inserters it makes belong to one thread each.
 *
 * <p>Internal, may change without notice.
 */
public final class Fsync {
  private final boolean enabled;
  private final Consumer<Path> observer;

  /**
   * Creates the policy.
   *
   * @param enabled whether anything is forced
   * @param observer told of each file or directory forced
   */
  public Fsync(boolean enabled, Consumer<Path> observer) {
    this.enabled = enabled;
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /** {@return a policy that forces nothing} */
  public static Fsync none() {
    return new Fsync(false, path -> { });
  }

  /**
   * Opens an inserter on the repository that, when forcing, forces every loose object it wrote
   * at each {@code flush}. On disk it writes loose objects at git's loose-object compression
   * level ({@link LooseObjectInserter}); other repositories get their own inserter.
   *
   * @param repository the repository
   * @return the inserter; the caller closes it
   */
  public ObjectInserter inserter(Repository repository) {
    ObjectInserter inserter = repository instanceof FileRepository onDisk
        ? new LooseObjectInserter(onDisk.getObjectDatabase(), onDisk.getConfig())
        : repository.newObjectInserter();
    Optional<Path> objects = objectsDirectory(repository);
    if (!enabled || objects.isEmpty()) {
      return inserter;
    }
    return new Forcing(inserter, objects.get());
  }

  /**
   * Forces a moved ref: its loose file and directory, else {@code packed-refs} and the git
   * directory.
   *
   * @param repository the repository
   * @param refName the ref that moved
   * @throws IOException when forcing fails
   */
  public void ref(Repository repository, String refName) throws IOException {
    if (!enabled || repository.getCommonDirectory() == null) {
      return;
    }
    Path common = repository.getCommonDirectory().toPath();
    Path loose = common.resolve(refName);
    if (Files.isRegularFile(loose)) {
      force(loose);
      force(Objects.requireNonNull(loose.getParent(), "a loose ref lies in a directory"));
    } else {
      packedRefs(repository);
    }
  }

  /**
   * Forces {@code packed-refs} and the git directory (after an atomic batch rewrote it).
   *
   * @param repository the repository
   * @throws IOException when forcing fails
   */
  public void packedRefs(Repository repository) throws IOException {
    if (!enabled || repository.getCommonDirectory() == null) {
      return;
    }
    Path common = repository.getCommonDirectory().toPath();
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      force(packed);
    }
    force(common);
  }

  private static Optional<Path> objectsDirectory(Repository repository) {
    if (!(repository instanceof FileRepository onDisk)) {
      return Optional.empty();
    }
    return Optional.ofNullable(onDisk.getObjectsDirectory()).map(File::toPath);
  }

  private void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
    observer.accept(path);
  }

  /** An inserter that remembers what it wrote and forces the loose files on flush. */
  private final class Forcing extends ObjectInserter.Filter {
    private final ObjectInserter delegate;
    private final Path objects;
    private final Set<ObjectId> written = new LinkedHashSet<>();

    Forcing(ObjectInserter delegate, Path objects) {
      this.delegate = delegate;
      this.objects = objects;
    }

    @Override
    protected ObjectInserter delegate() {
      return delegate;
    }

    @Override
    public ObjectId insert(int type, byte[] data) throws IOException {
      return remember(delegate.insert(type, data));
    }

    @Override
    public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
      return remember(delegate.insert(type, data, off, len));
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
      return remember(delegate.insert(type, length, in));
    }

    private ObjectId remember(ObjectId id) {
      written.add(id.copy());
      return id;
    }

    @Override
    public void flush() throws IOException {
      delegate.flush();
      Set<Path> directories = new LinkedHashSet<>();
      for (ObjectId id : written) {
        String name = id.name();
        Path file = objects.resolve(name.substring(0, 2)).resolve(name.substring(2));
        // A packed object has no loose file; one that was already loose is forced again, harmlessly.
        if (Files.isRegularFile(file)) {
          force(file);
          directories.add(file.getParent());
        }
      }
      for (Path directory : directories) {
        force(directory);
      }
      written.clear();
    }
  }
}
