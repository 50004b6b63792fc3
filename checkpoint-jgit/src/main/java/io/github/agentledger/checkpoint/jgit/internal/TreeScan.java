package io.github.agentledger.checkpoint.jgit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Walks the direct entries of a tree object from a stream, handing each to a visitor without
 * building a string or an id for it: a checkpoint directory naming 200 000 slot directories is
 * one pass over its bytes with a few kilobytes of buffer, whether the reader loads the tree whole
 * or streams it (an object above the reader's streaming threshold). A tree whose bytes are not a
 * sequence of {@code <octal mode> <name>\0<20-byte id>} entries is a {@link
 * CorruptObjectException} naming it. Stateless.
 *
 * <p>Internal, may change without notice.
 */
public final class TreeScan {
  /** The longest entry name read; git itself refuses longer paths on most systems. */
  static final int MAX_NAME_BYTES = 4096;

  /** Receives the entries of a tree, in the order stored. */
  @FunctionalInterface
  public interface Visitor {
    /**
     * Receives one entry; the arrays are reused for the next entry, copy what must be kept.
     *
     * @param mode the raw mode bits (e.g. {@code 040000} for a tree)
     * @param name the name's bytes, in {@code name[0..nameLength)}
     * @param nameLength the name's length in bytes
     * @param id the entry's object id, 20 raw bytes from {@code id[0]}
     */
    void entry(int mode, byte[] name, int nameLength, byte[] id) throws IOException;
  }

  private TreeScan() {}

  /**
   * Reads a tree and hands its entries to a visitor.
   *
   * @param reader reads the tree (its streaming threshold decides whether it is loaded whole)
   * @param tree the tree
   * @param visitor receives the entries
   * @throws CorruptObjectException if the tree's bytes are malformed
   * @throws IOException if the tree cannot be read
   */
  public static void scan(ObjectReader reader, AnyObjectId tree, Visitor visitor)
      throws IOException {
    ObjectLoader loader = reader.open(tree, Constants.OBJ_TREE);
    try (InputStream in = loader.openStream()) {
      new Parser(in, tree).run(visitor);
    }
  }

  /** {@return whether a mode is a directory's} */
  public static boolean isTree(int mode) {
    return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
  }

  /** {@return whether a mode is a blob's (a regular, executable or symlink file)} */
  public static boolean isBlob(int mode) {
    int type = mode & FileMode.TYPE_MASK;
    return type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK;
  }

  /**
   * The slot number a directory name stands for, as {@code SlotPaths.number} reads it: a plain
   * decimal number of at most nine digits without leading zeros.
   *
   * @return the number, or -1 when the name is not a slot directory's
   */
  public static int slotNumber(byte[] name, int length) {
    if (length == 0 || length > 9 || (length > 1 && name[0] == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < length; i++) {
      int c = name[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@return whether {@code name[0..length)} spells {@code expected} (ASCII)} */
  public static boolean named(byte[] name, int length, String expected) {
    if (length != expected.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name[i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** {@return the raw id as an object id} */
  public static ObjectId id(byte[] raw) {
    return ObjectId.fromRaw(raw);
  }

  /** Buffers the stream itself: a per-byte {@code read()} of a JDK stream is far slower. */
  private static final class Parser {
    private final InputStream in;
    private final AnyObjectId tree;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long offset;

    Parser(InputStream in, AnyObjectId tree) {
      this.in = in;
      this.tree = tree;
    }

    void run(Visitor visitor) throws IOException {
      byte[] name = new byte[256];
      byte[] id = new byte[Constants.OBJECT_ID_LENGTH];
      while (true) {
        int c = read();
        if (c < 0) {
          return;
        }
        long start = offset - 1;
        int mode = 0;
        int digits = 0;
        while (c != ' ') {
          if (c < '0' || c > '7' || ++digits > 7) {
            throw malformed(start, "a mode that is not 1 to 7 octal digits");
          }
          mode = mode * 8 + (c - '0');
          c = read();
          if (c < 0) {
            throw malformed(start, "an entry cut off in its mode");
          }
        }
        if (digits == 0) {
          throw malformed(start, "an entry without a mode");
        }
        int length = 0;
        while ((c = read()) != 0) {
          if (c < 0) {
            throw malformed(start, "an entry cut off in its name");
          }
          if (length == name.length) {
            if (length >= MAX_NAME_BYTES) {
              throw malformed(start, "a name longer than " + MAX_NAME_BYTES + " bytes");
            }
            name = Arrays.copyOf(name, Math.min(MAX_NAME_BYTES, length * 2));
          }
          name[length++] = (byte) c;
        }
        if (length == 0) {
          throw malformed(start, "an entry with an empty name");
        }
        for (int i = 0; i < id.length; i++) {
          c = read();
          if (c < 0) {
            throw malformed(start, "an entry cut off in its object id (name \""
                + new String(name, 0, length, StandardCharsets.UTF_8) + "\")");
          }
          id[i] = (byte) c;
        }
        visitor.entry(mode, name, length, id);
      }
    }

    private int read() throws IOException {
      if (position == limit) {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
          n = in.read(buffer, 0, buffer.length);
        }
        if (n < 0) {
          return -1;
        }
        position = 0;
        limit = n;
      }
      offset++;
      return buffer[position++] & 0xff;
    }

    private CorruptObjectException malformed(long at, String what) {
      return new CorruptObjectException(tree, "malformed tree: " + what + " at byte " + at);
    }
  }
}
