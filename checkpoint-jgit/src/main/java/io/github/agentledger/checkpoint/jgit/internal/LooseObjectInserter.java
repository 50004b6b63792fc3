package io.github.agentledger.checkpoint.jgit.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.sha1.SHA1;
import org.jspecify.annotations.Nullable;

/**
 * Writes loose objects in git's own format (a zlib stream of {@code "<type> <size>\0"} and the
 * content, in {@code objects/xx/yyyy…}, read-only) at git's loose-object compression level
 * rather than JGit's.
 *
 * <p>JGit deflates loose objects at {@code core.compression} (zlib's default, 6, when unset);
 * git deflates them at {@code core.looseCompression}, else {@code core.compression}, else 1
 * (best speed), and recompresses them anyway when {@code git gc} packs them. A checkpoint's
 * transcript is large, so the level decides most of a write's cost: this inserter applies git's
 * rule ({@link #looseLevel(Config)}), reading the repository's configuration and never writing
 * it. An object the repository already has (loose or packed) is not written again.
 *
 * <p>Each object goes to a temporary file in the objects directory, named after the process,
 * thread and a counter, is made read-only and renamed to its name atomically: a reader never
 * sees a partial object, and two writers of the same object both succeed (the contents are
 * equal). With {@code core.fsyncObjectFiles} set, each file is forced before its rename, as JGit
 * does; the store's {@code FSYNC} durability is applied on top by {@link Fsync}.
 *
 * <p>Not thread-safe: one inserter belongs to one thread, like JGit's.
 *
 * <p>Internal, may change without notice.
 */
final class LooseObjectInserter extends ObjectInserter {
  /** git's default loose-object level when neither setting is given: zlib's best speed. */
  static final int GIT_DEFAULT_LOOSE_LEVEL = Deflater.BEST_SPEED;

  private static final int BUFFER_BYTES = 8192;
  private static final Set<PosixFilePermission> WRITE_BITS = EnumSet.of(
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_WRITE);

  private final ObjectDirectory database;
  private final Path directory;
  private final int level;
  private final boolean forceEachFile;
  private final String tempPrefix;
  private long tempCounter;
  private @Nullable Deflater deflater;
  private @Nullable ObjectInserter parserSource;

  /**
   * Creates an inserter into {@code database}, configured by {@code config} (read, not written).
   */
  LooseObjectInserter(ObjectDirectory database, Config config) {
    this.database = database;
    this.directory = database.getDirectory().toPath();
    this.level = looseLevel(config);
    this.forceEachFile = config.getBoolean(ConfigConstants.CONFIG_CORE_SECTION,
        "fsyncObjectFiles", false);
    this.tempPrefix = "tmp_obj_" + ProcessHandle.current().pid() + "_"
        + Thread.currentThread().getId() + "_" + System.identityHashCode(this) + "_";
  }

  /**
   * git's loose-object level for a repository: {@code core.looseCompression} if set to a valid
   * level, else {@code core.compression} if set to one, else 1. A value outside -1…9 is ignored.
   *
   * @param config the repository's configuration
   * @return the zlib level, -1 meaning zlib's default
   */
  static int looseLevel(Config config) {
    for (String key : new String[] {"looseCompression", ConfigConstants.CONFIG_KEY_COMPRESSION}) {
      int value = config.getInt(ConfigConstants.CONFIG_CORE_SECTION, key, Integer.MIN_VALUE);
      if (value >= Deflater.DEFAULT_COMPRESSION && value <= Deflater.BEST_COMPRESSION) {
        return value;
      }
    }
    return GIT_DEFAULT_LOOSE_LEVEL;
  }

  /** {@return the zlib level this inserter writes at} */
  int level() {
    return level;
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
    ObjectId id = idFor(type, data, off, len);
    if (database.has(id)) {
      return id;
    }
    Path temp = newTempFile();
    try {
      writeCompressed(temp, type, len, out -> out.write(data, off, len));
      return place(temp, id);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public ObjectId insert(int type, long length, InputStream in) throws IOException {
    if (length <= BUFFER_BYTES) {
      byte[] data = in.readNBytes((int) length);
      if (data.length != length) {
        throw new EOFException("object input ended after " + data.length + " of " + length
            + " bytes");
      }
      return insert(type, data, 0, data.length);
    }
    Path temp = newTempFile();
    try {
      SHA1 sha = SHA1.newInstance();
      byte[] header = header(type, length);
      sha.update(header);
      writeCompressed(temp, type, length, out -> {
        byte[] buffer = new byte[BUFFER_BYTES];
        long left = length;
        while (left > 0) {
          int read = in.read(buffer, 0, (int) Math.min(left, buffer.length));
          if (read < 0) {
            throw new EOFException("object input ended " + left + " bytes short of " + length);
          }
          sha.update(buffer, 0, read);
          out.write(buffer, 0, read);
          left -= read;
        }
      });
      ObjectId id = sha.toObjectId();
      return database.has(id) ? id : place(temp, id);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes the object's zlib stream (header, then what {@code body} writes) to {@code temp}. */
  private void writeCompressed(Path temp, int type, long length, Body body) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      Deflater zlib = deflater();
      OutputStream file = Channels.newOutputStream(channel);
      DeflaterOutputStream out = new DeflaterOutputStream(file, zlib, BUFFER_BYTES);
      out.write(header(type, length));
      body.writeTo(out);
      out.finish();
      if (forceEachFile) {
        channel.force(true);
      }
    }
  }

  /** Makes {@code temp} read-only and renames it to the object's name. */
  private ObjectId place(Path temp, ObjectId id) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (posix != null) {
      Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
      permissions.removeAll(WRITE_BITS);
      posix.setPermissions(permissions);
    }
    Path target = database.fileFor(id).toPath();
    Files.createDirectories(target.getParent());
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Another writer placed the same object first (a platform whose rename does not replace).
      if (!Files.isRegularFile(target)) {
        throw e;
      }
    }
    return id;
  }

  private Path newTempFile() throws IOException {
    while (true) {
      Path temp = directory.resolve(tempPrefix + tempCounter++);
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        // Left by a crashed process that had this pid, or another inserter's name: take the next.
      }
    }
  }

  private Deflater deflater() {
    if (deflater == null) {
      deflater = new Deflater(level);
    } else {
      deflater.reset();
    }
    return deflater;
  }

  private static byte[] header(int type, long length) {
    byte[] kind = Constants.encodedTypeString(type);
    byte[] size = Constants.encodeASCII(length);
    byte[] header = new byte[kind.length + 1 + size.length + 1];
    System.arraycopy(kind, 0, header, 0, kind.length);
    header[kind.length] = ' ';
    System.arraycopy(size, 0, header, kind.length + 1, size.length);
    return header;
  }

  /** Packs are parsed by JGit's own inserter (the stores never receive packs through this). */
  @Override
  public PackParser newPackParser(InputStream in) throws IOException {
    if (parserSource == null) {
      parserSource = database.newInserter();
    }
    return parserSource.newPackParser(in);
  }

  /** Loose objects are visible as soon as they are renamed, so any reader sees them. */
  @Override
  public ObjectReader newReader() {
    return database.newReader();
  }

  /** Nothing is buffered: every object was placed when it was inserted. */
  @Override
  public void flush() {
  }

  @Override
  public void close() {
    if (deflater != null) {
      deflater.end();
      deflater = null;
    }
    if (parserSource != null) {
      parserSource.close();
      parserSource = null;
    }
  }

  /** What follows the header in an object's stream. */
  @FunctionalInterface
  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }
}
