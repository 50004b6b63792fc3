package io.github.agentledger.segment.jsonl;

import com.google.gson.stream.JsonWriter;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.KeyBindingConflictException;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The conversation-key index of a store: {@code <root>/.keys/<sha-256 of the key, hex>.json},
 * one small file per bound key holding {@code {"key":…,"session_id":…}}, so a lookup reads one
 * file and never a session.
 *
 * <p><b>Atomic binding.</b> An entry is written to a temp file, forced, then published with a hard
 * link ({@code link(2)} fails when the name exists): of two binders of one key, in threads or
 * processes, exactly one link succeeds and the other reads the winner. An entry is removed by
 * renaming it away first, so a removal never takes a binding made after it looked.
 *
 * <p><b>Compare-and-set.</b> A rebind ({@link #rebind}) and a removal of one key run under the
 * key's lock file {@code .keys/.<sha-256>.lock} (a JVM claim, then an OS file lock, held for
 * milliseconds; the lock files stay). A rebind reads the entry, checks that it names the expected
 * session, and replaces it with a forced temp file renamed over it ({@code rename(2)} replaces
 * atomically): the entry never disappears, so a binder that looks meanwhile sees the old session
 * or the new one, and a crash leaves one of the two. The sessions' claims follow around that
 * rename: the new session claims the key first, the old one withdraws its claim after.
 *
 * <p><b>Rebuilt when missing.</b> The truth is each session's {@link SessionMetadata} (the keys
 * it claims). When {@code .keys} does not exist, the first key operation rebuilds it from every
 * session's claims into a temp directory and renames that into place; if two sessions claim one
 * key (possible only after a crash during a lost race), the oldest session wins.
 */
final class KeyIndex {
  static final String DIRECTORY = ".keys";
  private static final String ENTRY_SUFFIX = ".json";

  private final Path root;
  private final Path dir;

  KeyIndex(Path root) {
    this.root = root;
    this.dir = root.resolve(DIRECTORY);
  }

  Optional<SessionId> lookup(ConversationKey key) {
    ensure();
    Optional<KeyBinding> binding = read(entry(key));
    if (binding.isPresent() && !sessionExists(binding.get().sessionId())) {
      // A binding left by a session deletion that crashed before removing it.
      remove(key, Optional.of(binding.get().sessionId()));
      return Optional.empty();
    }
    return binding.map(KeyBinding::sessionId);
  }

  /** Publishes a binding unless one exists; {@return the session bound now} */
  SessionId publish(ConversationKey key, SessionId session) {
    ensure();
    if (publish(dir, key, session)) {
      return session;
    }
    return read(entry(key))
        .map(KeyBinding::sessionId)
        .orElseGet(() -> publish(key, session));
  }

  /**
   * Removes a key's binding if it names {@code onlyIf} (any session, when empty); {@return the
   * session it named, or empty when nothing was removed}
   */
  Optional<SessionId> remove(ConversationKey key, Optional<SessionId> onlyIf) {
    ensure();
    return underKeyLock(key, () -> removeLocked(key, onlyIf));
  }

  private Optional<SessionId> removeLocked(ConversationKey key, Optional<SessionId> onlyIf) {
    Path entry = entry(key);
    Optional<KeyBinding> current = read(entry);
    if (current.isEmpty()
        || (onlyIf.isPresent() && !current.get().sessionId().equals(onlyIf.get()))) {
      return Optional.empty();
    }
    Path removed = dir.resolve("." + entry.getFileName() + "." + UUID.randomUUID() + ".removed");
    try {
      Files.move(entry, removed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw StoreErrors.io("removing a key binding", entry, e);
    }
    Optional<KeyBinding> taken = read(removed);
    try {
      Files.delete(removed);
      AtomicFileWrite.forceDirectory(dir);
    } catch (IOException e) {
      throw StoreErrors.io("removing a key binding", removed, e);
    }
    return taken.map(KeyBinding::sessionId);
  }

  /**
   * Moves a key's binding from {@code expected} to {@code replacement} if it names {@code
   * expected} now (see the class comment); {@code claims} moves the sessions' claims.
   *
   * @return whether the binding changed ({@code false} when {@code replacement} is {@code
   *     expected})
   * @throws KeyBindingConflictException if the key is unbound or names another session
   */
  boolean rebind(
      ConversationKey key, SessionId expected, SessionId replacement, ClaimMover claims) {
    ensure();
    return underKeyLock(key, () -> {
      Path entry = entry(key);
      Optional<SessionId> bound = read(entry).map(KeyBinding::sessionId);
      if (!bound.equals(Optional.of(expected))) {
        throw new KeyBindingConflictException(key, expected, bound);
      }
      if (expected.equals(replacement)) {
        return false;
      }
      claims.claim(replacement);
      AtomicFileWrite.replace(entry, encode(key, replacement));
      claims.withdraw(expected);
      return true;
    });
  }

  /** Moves a key's claim between sessions' metadata, around the index's rename. */
  interface ClaimMover {
    /** Records the key in the session's claims, before the index names it. */
    void claim(SessionId session);

    /** Removes the key from the session's claims, after the index stopped naming it. */
    void withdraw(SessionId session);
  }

  /** Runs {@code work} holding the key's lock file, in this JVM and against other processes. */
  private <T> T underKeyLock(ConversationKey key, BriefFileLock.Work<T> work) {
    Path lockFile = dir.resolve("." + fileName(key) + SegmentPaths.LOCK_SUFFIX);
    return BriefFileLock.holding(lockFile, "changing a conversation key's binding", entry(key),
        work);
  }

  List<KeyBinding> list() {
    ensure();
    List<KeyBinding> bindings = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + ENTRY_SUFFIX)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().startsWith(".")) {
          read(entry).filter(b -> sessionExists(b.sessionId())).ifPresent(bindings::add);
        }
      }
    } catch (IOException e) {
      throw StoreErrors.io("listing conversation keys", dir, e);
    }
    bindings.sort(Comparator.comparing(b -> b.key().value()));
    return bindings;
  }

  private boolean sessionExists(SessionId session) {
    return Files.isDirectory(
        SegmentPaths.sessionDir(root, session.value()), LinkOption.NOFOLLOW_LINKS);
  }

  /** Rebuilds the index from the sessions' claims when it is missing. */
  private void ensure() {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.createDirectories(root);
      Path building = Files.createTempDirectory(root, DIRECTORY + "-rebuild-");
      List<UUID> sessions = new ArrayList<>(SegmentDirectory.listSessions(root));
      sessions.sort(Comparator.comparing(UUID::toString));
      for (UUID session : sessions) {
        SessionMetadata claims = SessionMetadata.read(SegmentPaths.sessionDir(root, session));
        for (ConversationKey key : claims.keys()) {
          publish(building, key, new SessionId(session));
        }
      }
      try {
        Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Another thread or process put an index in place meanwhile (rename(2) says ENOTEMPTY,
        // which the JDK reports as a plain FileSystemException): add ours to it.
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          throw e;
        }
        mergeInto(building);
      }
      AtomicFileWrite.forceDirectory(root);
    } catch (IOException e) {
      throw StoreErrors.io("rebuilding the conversation-key index", dir, e);
    } catch (SegmentFileException e) {
      throw StoreErrors.listing(e);
    }
  }

  /** Another process made the index meanwhile: add what we found, theirs winning. */
  private void mergeInto(Path building) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(building)) {
      for (Path entry : entries) {
        try {
          Files.createLink(dir.resolve(entry.getFileName()), entry);
        } catch (FileAlreadyExistsException e) {
          // Theirs is as good: both come from the sessions' claims or a bind.
        }
        Files.delete(entry);
      }
    }
    Files.delete(building);
  }

  /** Links a complete entry into {@code directory}; {@return false if the key is bound there} */
  private static boolean publish(Path directory, ConversationKey key, SessionId session) {
    Path entry = directory.resolve(fileName(key));
    if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(directory, "." + entry.getFileName() + ".", ".tmp");
      byte[] bytes = encode(key, session);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.createLink(entry, temp);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      AtomicFileWrite.forceDirectory(directory);
      return true;
    } catch (IOException e) {
      throw StoreErrors.io("binding a conversation key", entry, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // The temp name is ignored by every reader; a later rebuild or removal is unaffected.
        }
      }
    }
  }

  private Optional<KeyBinding> read(Path entry) {
    String text;
    try {
      text = Files.readString(entry, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw StoreErrors.io("reading a conversation key", entry, e);
    }
    try {
      JsonFields f = JsonFields.of(EntryCodec.parse(text.strip()), "key index entry");
      return Optional.of(
          new KeyBinding(
              new ConversationKey(f.string("key")), SessionId.parse(f.string("session_id"))));
    } catch (RuntimeException e) {
      throw new CorruptSegmentException(
          StoreErrors.location(entry), 1, 0, "is not a key index entry: " + e.getMessage(), e);
    }
  }

  private Path entry(ConversationKey key) {
    return dir.resolve(fileName(key));
  }

  private static String fileName(ConversationKey key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest) + ENTRY_SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] encode(ConversationKey key, SessionId session) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setHtmlSafe(false);
      w.beginObject();
      w.name("key").value(key.value());
      w.name("session_id").value(session.toString());
      w.endObject();
    }
    text.write('\n');
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
