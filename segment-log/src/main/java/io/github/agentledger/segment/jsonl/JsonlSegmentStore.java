// Longer than 400 lines on purpose: the class Javadoc is the specification of the on-disk format
// and of the durability and concurrency guarantees (STYLE rule 19), and the builder is nested so
// that the module keeps one public entry type.
package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentAlreadyExistsException;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SegmentPathException;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.SessionNotFoundException;
import io.github.agentledger.segment.TraceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link SegmentStore} of append-only JSONL files in a directory: the one entry point of this
 * module. Open it with {@link #open(Path, Durability)} or {@link #builder(Path, Durability)}.
 *
 * <p>Thread-safe; the store itself holds no open file and needs no closing (its writers do). Its
 * writers are thread-safe too, more than {@link SegmentWriter} asks: threads may append through
 * one writer at once, which is how {@link Durability#GROUP_COMMIT} shares a force among them.
 *
 * <h2>On-disk format (version 1)</h2>
 *
 * <pre>
 * &lt;root&gt;/&lt;session-id&gt;/&lt;segment-id&gt;.jsonl                the segment log
 * &lt;root&gt;/&lt;session-id&gt;/&lt;segment-id&gt;.jsonl.lock           its writer lock file (never deleted)
 * &lt;root&gt;/&lt;session-id&gt;/&lt;segment-id&gt;.trace.jsonl          its debug trace, if any
 * &lt;root&gt;/&lt;session-id&gt;/.&lt;file-name&gt;.&lt;random&gt;.tmp           a whole-file write in progress
 * &lt;root&gt;/.&lt;session-id&gt;.deleting                      a session being deleted
 * &lt;root&gt;/&lt;session-id&gt;/session.json                     the session's keys and attributes
 * &lt;root&gt;/.keys/&lt;sha-256 of a key&gt;.json                   the conversation-key index
 * </pre>
 *
 * <p>Ids are canonical lower-case UUID version 7 text, so names sort by creation time; listings
 * consider only such names (directories for sessions, regular files for segments) and ignore
 * everything else: lock, trace and temp files, other names, symbolic links. A path is only ever
 * built from a {@link SessionId} and a {@link SegmentId}, so no name can leave the root.
 *
 * <p>A segment file is UTF-8 JSON Lines: one {@link LogEntry} per line, a compact JSON object with
 * {@code "kind"} first, terminated by {@code \n}. The first line is the segment's one {@code
 * segment_start}, carrying {@code "v":1}, the format version; a {@code segment_start} without
 * {@code "v"} (written by the reference implementation) is version 1 too, and any other version
 * is rejected naming the supported ones. Blank lines are skipped (but counted in line numbers).
 * Entry kinds this version does not know are kept, byte for byte, as {@link LogEntry.Unknown}.
 *
 * <h2>Commit rule and recovery</h2>
 *
 * <p>A line is committed once its terminating {@code \n} is in the file. Bytes after the last
 * {@code \n} (a torn tail, left by a crash or by an append in progress) are never read; opening a
 * writer cuts them off. A committed line that cannot be read (invalid UTF-8, invalid JSON, wrong
 * types, missing fields) is corruption: reading fails at that line with a {@link
 * io.github.agentledger.segment.CorruptSegmentException} naming the file, the line number and
 * the byte offset of the line; nothing is skipped and nothing is changed. A segment with no
 * committed line, whose first entry is not a {@code segment_start} of its session, or with a
 * second {@code segment_start}, is rejected with {@link InvalidSegmentStructureException}.
 *
 * <h2>Durability</h2>
 *
 * <p>An append writes all lines of the call with one positional write at the end of the committed
 * lines, then, depending on the store's {@link Durability}: {@code NONE} returns at once (a
 * process crash loses nothing acknowledged; a machine crash or power loss may lose the latest
 * appends); {@code FSYNC_EACH} returns once {@code fdatasync} of the file returned; {@code
 * GROUP_COMMIT} returns once a force that started after its write returned, one force shared by
 * the appends of all threads writing through the writer, bounded by a batch size and a delay.
 * Creating a segment and truncating one are whole-file writes in every mode: a temp file is
 * written and forced, renamed over the segment atomically, and the directory forced; a crash
 * leaves the old file or the new one. A failed write is rolled back; a failed force leaves the
 * writer unusable (close it and reopen, which recounts what the file really holds).
 *
 * <p><b>Known limit:</b> the lines of one multi-entry append become visible together only if the
 * process survives the write. A process killed (SIGKILL) during the write of a batch may leave a
 * complete prefix of that batch, whose append was never acknowledged, as committed lines; a
 * machine crash may do the same with {@code NONE}. An acknowledged append is never lost (with
 * {@code FSYNC_EACH} and {@code GROUP_COMMIT} not even on power loss), and no torn line is ever
 * visible. Callers that need a batch to be all-or-nothing across a crash compare the entry count
 * (compare-and-append) after restarting.
 *
 * <h2>Concurrency</h2>
 *
 * <p>One writer per segment, across threads and processes: {@link #openWriter} takes an
 * exclusive lock ({@link java.nio.channels.FileLock} on {@code <segment-id>.jsonl.lock}, plus a
 * registry for the locks of this JVM) and fails at once with {@link
 * io.github.agentledger.segment.SegmentLockedException} if another writer holds it; it never
 * blocks. {@link #append}, {@link #truncate} open and close such a writer for one call, and fail
 * the same way. Readers ({@link #read}, {@link #restore}, {@link #entryCount}) take no lock and
 * see the committed lines as of their reading. The writer counts the committed entries once
 * when it opens (a scan of the file) and then in O(1); {@link #entryCount} and a store-level
 * {@link #append} scan the file each time: a caller appending often keeps a writer open.
 *
 * <h2>Restore and resume</h2>
 *
 * <p>{@link #restore(SessionId, SegmentId)} streams the file through {@link RestoredState#replay},
 * in memory bounded by the longest line plus the state itself. {@link #restore(SessionId,
 * SegmentId, RestoredState)} resumes from an earlier state: it skips the lines that state was
 * built from by scanning for newlines only, without decoding them, and decodes only the tail.
 * (It does not remember byte offsets, so no file position leaks into {@link RestoredState}; the
 * skipped lines are not re-checked, which is why a truncated segment is detected by its count
 * only.)
 *
 * <h2>Traces and deletion</h2>
 *
 * <p>Trace records go to {@code <segment-id>.trace.jsonl} through the segment's writer, under its
 * lock, with the same commit rule as the log (torn tails are never read); they are never counted
 * as entries. {@link #lastModified} is the newest modification time of a session's segment and
 * trace files. {@link #deleteSession} takes the writer lock of every segment of the session
 * (refusing with {@link io.github.agentledger.segment.SegmentLockedException}, nothing deleted, if
 * one is held), renames the session directory to {@code .<session-id>.deleting} in one atomic
 * step (so it leaves listings whole), forces the root directory, releases the locks and removes
 * the files; a crash during the removal leaves only that hidden directory, which the next deletion
 * of the same session clears, as {@link #repair()} does for every such leftover. A segment another process creates in the session at the very moment
 * of its deletion may go with it.
 */
public final class JsonlSegmentStore implements SegmentStore {
  private static final int FIRST_LINE_BUFFER = 8 * 1024;

  private static final int CREATE_ATTEMPTS = 3;

  private final Path root;
  private final WriterOptions options;
  private final Clock clock;
  private final Duration repairMinAge;

  private JsonlSegmentStore(Path root, WriterOptions options, Clock clock,
      Duration repairMinAge) {
    this.root = root;
    this.options = options;
    this.clock = clock;
    this.repairMinAge = repairMinAge;
  }

  /**
   * Opens a store in {@code root}, creating the directory if needed, with the default
   * group-commit bounds.
   *
   * @param root the store's directory
   * @param durability when appends are forced to stable storage
   * @return the store
   * @throws SegmentIoException if {@code root} cannot be created
   */
  public static JsonlSegmentStore open(Path root, Durability durability) {
    return builder(root, durability).open();
  }

  /**
   * Starts configuring a store in {@code root}.
   *
   * @param root the store's directory
   * @param durability when appends are forced to stable storage
   * @return a builder with the default group-commit bounds
   */
  public static Builder builder(Path root, Durability durability) {
    return new Builder(root, durability);
  }

  /** {@return the store's directory} */
  public Path root() {
    return root;
  }

  /** {@return when appends are forced to stable storage} */
  public Durability durability() {
    return options.durability();
  }

  /**
   * {@return how many times the writers of this store have forced appended lines to stable
   * storage} Counts every force ({@code fdatasync}) of a segment or trace file made for appends
   * since the store was opened, by every writer it opened, whether it succeeded or not; creating
   * and rewriting segments are not counted. With {@link Durability#GROUP_COMMIT}, appends per
   * force is the batch size reached. Thread-safe; a cheap read.
   */
  public long appendForces() {
    return options.forces().sum();
  }

  @Override
  public void create(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    EntryRules.checkCreate(sessionId, entries);
    List<byte[]> lines = JsonlSegmentWriter.encode(entries);
    Path file = file(sessionId, segmentId);
    JsonlSegmentWriter.checkLengths(lines, options.limits(), StoreErrors.location(file));
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new SegmentAlreadyExistsException(sessionId, segmentId);
    }
    Path directory = Objects.requireNonNull(file.getParent(), "a segment file has a parent");
    for (int attempt = 1; ; attempt++) {
      createSessionDirectory(directory);
      try {
        SegmentFileWriter.create(file, lines, options).close();
        return;
      } catch (SegmentFileException e) {
        // A repair in another process may remove a session directory that was still empty
        // between its creation and our lock: create it again.
        if (attempt < CREATE_ATTEMPTS && e instanceof SegmentFileIoException
            && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        throw StoreErrors.translate(e, sessionId, segmentId);
      }
    }
  }

  /**
   * Removes what killed operations left behind, and reports it: temp files of interrupted
   * whole-file writes (create, fork, truncation), {@code .<session-id>.deleting} directories of
   * interrupted session deletions, and session directories holding no segment. Safe to run while
   * other threads or processes use the store: a temp file is removed only while this call holds
   * its segment's writer lock (a live write holds it, and its file is reported in {@link
   * RepairReport#inUse()}); an empty session directory only once no lock of it is held and it was
   * unchanged for the builder's {@link Builder#repairMinAge repairMinAge}, by the same atomic
   * rename a deletion uses, undone if anything arrived meanwhile. Nothing an acknowledged call
   * wrote is ever removed. Listings never show these leftovers, so calling this is only about
   * disk space: on startup, or from time to time.
   *
   * @return what was removed and what was left because it was in use
   * @throws SegmentIoException if the store directory cannot be listed or a removal fails
   */
  public RepairReport repair() {
    return StoreRepair.run(root, clock, repairMinAge);
  }

  @Override
  public SegmentWriter openWriter(SessionId sessionId, SegmentId segmentId) {
    Path file = existingFile(sessionId, segmentId);
    SegmentFileWriter writer;
    try {
      writer = SegmentFileWriter.open(file, options);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, sessionId, segmentId);
    }
    JsonlSegmentWriter opened = new JsonlSegmentWriter(sessionId, segmentId, writer);
    try {
      checkFirstEntry(file, sessionId, segmentId, options.limits());
    } catch (RuntimeException e) {
      try {
        opened.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return opened;
  }

  /** Decodes the first line only: a writer never opens a segment that does not start right. */
  private static void checkFirstEntry(Path file, SessionId sessionId, SegmentId segmentId,
      LineLimits limits) {
    try (EntryIterator entries = EntryIterator.open(file, sessionId, segmentId,
        FIRST_LINE_BUFFER, limits)) {
      // Decoding the first entry checks it: next() throws when it is missing or not a
      // segment_start of this session.
      entries.next();
    }
  }

  @Override
  public long append(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      return writer.append(entries);
    }
  }

  @Override
  public long append(
      SessionId sessionId, SegmentId segmentId, long expectedEntryCount, List<LogEntry> entries) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      return writer.append(expectedEntryCount, entries);
    }
  }

  @Override
  public Stream<LogEntry> read(SessionId sessionId, SegmentId segmentId) {
    EntryIterator entries = open(file(sessionId, segmentId), sessionId, segmentId);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                entries, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(entries::close);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reads the first line only and skips the value of its {@code history} with a
   * streaming parser, building no string and no tree for it.
   */
  @Override
  public Optional<Derivation> derivation(SessionId sessionId, SegmentId segmentId) {
    try (EntryIterator entries = EntryIterator.open(file(sessionId, segmentId), sessionId,
        segmentId, FIRST_LINE_BUFFER, options.limits())) {
      return Derivation.of(entries.startWithoutHistory());
    }
  }

  @Override
  public RestoredState restore(SessionId sessionId, SegmentId segmentId) {
    try (EntryIterator entries = open(file(sessionId, segmentId), sessionId, segmentId)) {
      return RestoredState.replay(entries);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store skips the entries {@code previous} was built from by scanning for line ends,
   * without decoding them, in one pass that also detects a truncated segment.
   */
  @Override
  public RestoredState restore(SessionId sessionId, SegmentId segmentId, RestoredState previous) {
    Objects.requireNonNull(previous, "previous");
    Path file = file(sessionId, segmentId);
    if (!previous.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(1, StoreErrors.location(file)
          + ": the state to resume belongs to session " + previous.sessionId() + ", not "
          + sessionId);
    }
    try (EntryIterator entries = open(file, sessionId, segmentId)) {
      long skipped = entries.skip(previous.entryCount());
      if (skipped < previous.entryCount()) {
        throw new SegmentConflictException(sessionId, segmentId, previous.entryCount(), skipped);
      }
      return previous.resume(entries);
    }
  }

  @Override
  public long entryCount(SessionId sessionId, SegmentId segmentId) {
    Path file = file(sessionId, segmentId);
    long count = 0;
    try (SegmentLineReader reader = SegmentLineReader.open(file, LinePosition.START,
        SegmentLineReader.DEFAULT_BUFFER_SIZE, options.limits().maxLineBytes())) {
      while (reader.next()) {
        count++;
      }
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, sessionId, segmentId);
    }
    if (count == 0) {
      throw new InvalidSegmentStructureException(1, StoreErrors.location(file)
          + " holds no committed entry; a segment starts with its segment_start");
    }
    return count;
  }

  @Override
  public List<SessionId> listSessions() {
    List<SessionId> sessions = new ArrayList<>();
    try {
      for (UUID id : SegmentDirectory.listSessions(root)) {
        if (isVersion7(id)
            && !SegmentDirectory.listSegments(root.resolve(id.toString())).isEmpty()) {
          sessions.add(new SessionId(id));
        }
      }
    } catch (SegmentFileException e) {
      throw StoreErrors.listing(e);
    }
    return List.copyOf(sessions);
  }

  @Override
  public List<SegmentId> listSegments(SessionId sessionId) {
    List<SegmentId> segments = new ArrayList<>();
    Path dir = sessionDirectory(sessionId);
    if (Files.isSymbolicLink(dir)) {
      return List.of(); // as listSessions: a link is not a session of this store
    }
    try {
      for (UUID id : SegmentDirectory.listSegments(dir)) {
        if (isVersion7(id)) {
          segments.add(new SegmentId(id));
        }
      }
    } catch (SegmentFileException e) {
      throw StoreErrors.listing(e);
    }
    return List.copyOf(segments);
  }

  @Override
  public boolean exists(SessionId sessionId, SegmentId segmentId) {
    Path dir = sessionDirectory(sessionId);
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(file(sessionId, segmentId), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void truncate(SessionId sessionId, SegmentId segmentId, long entryCount) {
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      writer.truncate(entryCount);
    }
  }

  @Override
  public void appendTrace(SessionId sessionId, SegmentId segmentId, List<TraceRecord> records) {
    Objects.requireNonNull(records, "records");
    try (SegmentWriter writer = openWriter(sessionId, segmentId)) {
      writer.appendTrace(records);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reads {@code <segment-id>.trace.jsonl} without a lock, committed lines only.
   */
  @Override
  public Stream<TraceRecord> readTrace(SessionId sessionId, SegmentId segmentId) {
    Path trace = SegmentPaths.traceFile(existingFile(sessionId, segmentId));
    if (!Files.exists(trace, LinkOption.NOFOLLOW_LINKS)) {
      return Stream.empty();
    }
    TraceIterator records = TraceIterator.open(trace, sessionId, segmentId,
        options.limits().maxLineBytes());
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                records, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(records::close);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reports the newest modification time of the session's segment and trace files.
   */
  @Override
  public Optional<Instant> lastModified(SessionId sessionId) {
    Path dir = sessionDirectory(sessionId);
    if (Files.isSymbolicLink(dir)) {
      return Optional.empty();
    }
    return SessionFiles.lastModified(dir);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store takes every segment's writer lock, renames the session directory away in one
   * atomic step (so it vanishes whole from listings), then removes the files.
   */
  @Override
  public boolean deleteSession(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Path dir = sessionDirectory(sessionId);
    List<ConversationKey> keys =
        Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
            ? SessionMetadata.read(dir).keys()
            : List.of();
    boolean deleted = SessionFiles.delete(root, sessionId);
    for (ConversationKey key : keys) {
      keys().remove(key, Optional.of(sessionId));
    }
    return deleted;
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store records the key in the session's {@code session.json} (the truth the index is
   * rebuilt from), then publishes {@code .keys/<sha-256>.json} with a hard link, which fails when
   * another binder got there first; the loser's claim is then withdrawn.
   */
  @Override
  public SessionId bindKey(ConversationKey key, SessionId sessionId) {
    Objects.requireNonNull(key, "key");
    KeyIndex index = keys();
    Optional<SessionId> bound = index.lookup(key);
    if (bound.isPresent()) {
      return bound.get();
    }
    Path dir = sessionDirectory(sessionId);
    if (listSegments(sessionId).isEmpty()) {
      throw new SessionNotFoundException(sessionId);
    }
    SessionMetadata.update(dir, metadata -> metadata.withKey(key));
    SessionId winner = index.publish(key, sessionId);
    if (!winner.equals(sessionId)) {
      SessionMetadata.update(dir, metadata -> metadata.withoutKey(key));
    }
    return winner;
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store holds the key's lock file while it checks {@code .keys/<sha-256>.json} and
   * renames a new entry over it; {@code replacement}'s {@code session.json} claims the key before
   * the rename and {@code expected}'s withdraws its claim after it.
   */
  @Override
  public void rebindKey(ConversationKey key, SessionId expected, SessionId replacement) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expected, "expected");
    if (listSegments(replacement).isEmpty()) {
      throw new SessionNotFoundException(replacement);
    }
    keys().rebind(key, expected, replacement, new KeyIndex.ClaimMover() {
      @Override
      public void claim(SessionId session) {
        SessionMetadata.update(sessionDirectory(session), metadata -> metadata.withKey(key));
      }

      @Override
      public void withdraw(SessionId session) {
        Path dir = sessionDirectory(session);
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          SessionMetadata.update(dir, metadata -> metadata.withoutKey(key));
        }
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reads one index file; when the index directory is missing it is rebuilt first
   * from every session's {@code session.json}.
   */
  @Override
  public Optional<SessionId> lookupKey(ConversationKey key) {
    return keys().lookup(Objects.requireNonNull(key, "key"));
  }

  @Override
  public List<KeyBinding> listKeys() {
    return keys().list();
  }

  @Override
  public boolean unbindKey(ConversationKey key) {
    Optional<SessionId> removed = keys().remove(Objects.requireNonNull(key, "key"),
        Optional.empty());
    removed.ifPresent(session -> {
      Path dir = sessionDirectory(session);
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        SessionMetadata.update(dir, metadata -> metadata.withoutKey(key));
      }
    });
    return removed.isPresent();
  }

  @Override
  public Map<String, JsonText> sessionAttributes(SessionId sessionId) {
    Path dir = sessionDirectory(sessionId);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    return SessionMetadata.read(dir).sortedAttributes();
  }

  @Override
  public void putSessionAttributes(SessionId sessionId, Map<String, JsonText> attributes) {
    Map<String, JsonText> copy = Map.copyOf(attributes);
    if (listSegments(sessionId).isEmpty()) {
      throw new SessionNotFoundException(sessionId);
    }
    if (!copy.isEmpty()) {
      SessionMetadata.update(sessionDirectory(sessionId), m -> m.withAttributes(copy));
    }
  }

  @Override
  public boolean removeSessionAttribute(SessionId sessionId, String name) {
    Objects.requireNonNull(name, "name");
    Path dir = sessionDirectory(sessionId);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
        || !SessionMetadata.read(dir).attributes().containsKey(name)) {
      return false;
    }
    return SessionMetadata.update(dir, m -> m.withoutAttribute(name)) != null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store gives the file's bytes up to its last {@code \n} at the time of the call: the
   * committed lines exactly as stored, a torn tail never.
   */
  @Override
  public InputStream openJsonl(SessionId sessionId, SegmentId segmentId) {
    Path file = existingFile(sessionId, segmentId);
    try {
      return CommittedBytes.open(file);
    } catch (IOException e) {
      throw StoreErrors.io("reading the segment", file, e);
    }
  }

  private KeyIndex keys() {
    return new KeyIndex(root);
  }

  /** {@return the store's directory and durability, for diagnostics} */
  @Override
  public String toString() {
    return "JsonlSegmentStore[" + root + ", " + options.durability() + "]";
  }

  private Path sessionDirectory(SessionId sessionId) {
    return SegmentPaths.sessionDir(root, Objects.requireNonNull(sessionId, "sessionId").value());
  }

  /**
   * The segment's file, once its session directory is checked to be a real directory (or
   * missing): a symbolic link there could lead every read and write out of the root.
   *
   * @throws SegmentPathException if the session directory is a link or not a directory
   */
  private Path file(SessionId sessionId, SegmentId segmentId) {
    Objects.requireNonNull(segmentId, "segmentId");
    Path dir = sessionDirectory(sessionId);
    requireRealDirectoryOrMissing(dir);
    return dir.resolve(segmentId.value() + SegmentPaths.SEGMENT_SUFFIX);
  }

  private static void requireRealDirectoryOrMissing(Path dir) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw StoreErrors.io("checking the session directory", dir, e);
    }
    if (!attributes.isDirectory()) {
      throw new SegmentPathException(dir.toString(), SegmentLineReader.describe(attributes));
    }
  }

  /**
   * The segment's file; checked before taking a lock, so no lock file is made for nothing.
   *
   * @throws SegmentNotFoundException if nothing is there
   * @throws SegmentPathException if something other than a regular file is there
   */
  private Path existingFile(SessionId sessionId, SegmentId segmentId) {
    Path file = file(sessionId, segmentId);
    try {
      SegmentLineReader.requireRegularFile(file);
    } catch (NoSuchFileException e) {
      throw new SegmentNotFoundException(sessionId, segmentId);
    } catch (IOException e) {
      throw StoreErrors.io("checking the segment file", file, e);
    } catch (SegmentFileException e) {
      throw StoreErrors.translate(e, sessionId, segmentId);
    }
    return file;
  }

  private EntryIterator open(Path file, SessionId sessionId, SegmentId segmentId) {
    return EntryIterator.open(file, sessionId, segmentId, SegmentLineReader.DEFAULT_BUFFER_SIZE,
        options.limits());
  }

  private void createSessionDirectory(Path dir) {
    requireRealDirectoryOrMissing(dir);
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      AtomicFileWrite.forceDirectory(root);
    } catch (IOException e) {
      throw StoreErrors.io("creating the session directory", dir, e);
    }
  }

  private static boolean isVersion7(UUID id) {
    return id.version() == 7 && id.variant() == 2;
  }

  /**
   * Configures a {@link JsonlSegmentStore}: its durability (given up front, since it is always a
   * choice) and the bounds of group commit. Each setter validates its value. Not thread-safe.
   */
  public static final class Builder {
    private final Path root;
    private final Durability durability;
    private int groupCommitMaxBatch = WriterOptions.DEFAULT_MAX_BATCH;
    private Duration groupCommitMaxDelay = WriterOptions.DEFAULT_MAX_DELAY;
    private int maxLineBytes = LineLimits.DEFAULT_MAX_LINE_BYTES;
    private int maxNestingDepth = LineLimits.DEFAULT_MAX_NESTING_DEPTH;
    private int maxJsonValues = LineLimits.DEFAULT_MAX_JSON_VALUES;
    private Clock clock = Clock.systemUTC();
    private Duration repairMinAge = Duration.ofMinutes(1);

    private Builder(Path root, Durability durability) {
      this.root = Objects.requireNonNull(root, "root");
      this.durability = Objects.requireNonNull(durability, "durability");
    }

    /**
     * Sets how many written appends may wait for one force with {@link
     * Durability#GROUP_COMMIT}: a force starts at the latest once this many are waiting.
     *
     * @param maxBatch at least 1; the default is 64
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBatch} is less than 1
     */
    public Builder groupCommitMaxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("groupCommitMaxBatch must be >= 1, was " + maxBatch);
      }
      this.groupCommitMaxBatch = maxBatch;
      return this;
    }

    /**
     * Sets the longest a force waits for more appends to join it with {@link
     * Durability#GROUP_COMMIT}; a lone appender never waits for it.
     *
     * @param maxDelay zero or positive; the default is 2 ms
     * @return this builder
     * @throws IllegalArgumentException if {@code maxDelay} is negative
     */
    public Builder groupCommitMaxDelay(Duration maxDelay) {
      Objects.requireNonNull(maxDelay, "maxDelay");
      if (maxDelay.isNegative()) {
        throw new IllegalArgumentException("groupCommitMaxDelay must not be negative, was "
            + maxDelay);
      }
      this.groupCommitMaxDelay = maxDelay;
      return this;
    }

    /**
     * Sets the longest line the store reads or writes, in bytes without the line ending. A
     * reader finds a line's end before it buffers the line, so a longer line costs no memory and
     * fails with {@link io.github.agentledger.segment.SegmentLimitExceededException}; an append or
     * a create whose entry would be longer fails the same way with nothing written. A fork's first
     * line carries the replayed history: raise this for conversations larger than it.
     *
     * @param maxBytes from 64 to {@code Integer.MAX_VALUE - 16}; the default is 64 MiB
     * @return this builder
     * @throws IllegalArgumentException if {@code maxBytes} is outside that range
     */
    public Builder maxLineBytes(int maxBytes) {
      new LineLimits(maxBytes, maxNestingDepth, maxJsonValues);
      this.maxLineBytes = maxBytes;
      return this;
    }

    /**
     * Sets the deepest nesting of JSON arrays and objects in a line that the store reads,
     * checked while the line is parsed; a deeper line fails with {@link
     * io.github.agentledger.segment.SegmentLimitExceededException}.
     *
     * <p>Opaque JSON values (framework configs, extension payloads, lines of unknown kinds) are
     * also held to the 128 levels the API's JSON validation allows, whatever this says.
     *
     * @param maxDepth at least 4; the default is 128
     * @return this builder
     * @throws IllegalArgumentException if {@code maxDepth} is less than 4
     */
    public Builder maxNestingDepth(int maxDepth) {
      new LineLimits(maxLineBytes, maxDepth, maxJsonValues);
      this.maxNestingDepth = maxDepth;
      return this;
    }

    /**
     * Sets the most JSON values (objects, arrays, strings, numbers, literals) one line may hold
     * when the store reads it, checked while the line is parsed: it bounds the memory of a
     * line's tree (about 100 bytes per value) whatever the line's shape; a line with more fails
     * with {@link io.github.agentledger.segment.SegmentLimitExceededException}.
     *
     * @param maxValues at least 16; the default is 2 097 152
     * @return this builder
     * @throws IllegalArgumentException if {@code maxValues} is less than 16
     */
    public Builder maxJsonValues(int maxValues) {
      new LineLimits(maxLineBytes, maxNestingDepth, maxValues);
      this.maxJsonValues = maxValues;
      return this;
    }

    /**
     * Sets the clock {@link JsonlSegmentStore#repair()} compares modification times with.
     *
     * @param clock the clock; the default is the system clock in UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long a session directory holding no segment must have been unchanged before
     * {@link JsonlSegmentStore#repair()} removes it: a margin for a session being created right
     * now by a process that has not taken its first lock yet.
     *
     * @param minAge zero or positive; the default is one minute
     * @return this builder
     * @throws IllegalArgumentException if {@code minAge} is negative
     */
    public Builder repairMinAge(Duration minAge) {
      Objects.requireNonNull(minAge, "minAge");
      if (minAge.isNegative()) {
        throw new IllegalArgumentException("repairMinAge must not be negative, was " + minAge);
      }
      this.repairMinAge = minAge;
      return this;
    }

    /**
     * Opens the store, creating its directory if needed.
     *
     * @return the store
     * @throws SegmentIoException if the directory cannot be created
     */
    public JsonlSegmentStore open() {
      if (Files.exists(root) && !Files.isDirectory(root)) {
        throw StoreErrors.io("opening the store", root,
            new NotDirectoryException(root + " is not a directory"));
      }
      try {
        Files.createDirectories(root);
      } catch (IOException e) {
        throw StoreErrors.io("creating the store directory", root, e);
      }
      WriterOptions options = WriterOptions.of(durability)
          .withGroupCommit(groupCommitMaxBatch, groupCommitMaxDelay)
          .withLimits(new LineLimits(maxLineBytes, maxNestingDepth, maxJsonValues));
      return new JsonlSegmentStore(root, options, clock, repairMinAge);
    }
  }
}
