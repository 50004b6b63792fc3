// Longer than 400 lines on purpose: the class Javadoc is the specification of the stored form and
// of the durability and concurrency guarantees (STYLE rule 19), and the builder is nested so that
// the module keeps one public store type.
package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.Derivation;
import io.github.agentledger.segment.EntryCountOutOfRangeException;
import io.github.agentledger.segment.InvalidJsonException;
import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.KeyBindingConflictException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentAlreadyExistsException;
import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.SessionNotFoundException;
import io.github.agentledger.segment.TraceRecord;
import io.github.agentledger.segment.jsonl.JsonlLineCodec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/**
 * A {@link SegmentStore} in a PostgreSQL database, through JDBC: the one store entry point of this
 * module, for agents that run on many machines sharing one database. Open it with {@link
 * #open(DataSource)} or {@link #builder(DataSource)}; close it to stop renewing its writers' leases
 * and to close its idle connections.
 *
 * <p>Thread-safe, and safe to use from any number of processes and machines at once over the same
 * database. Its writers are thread-safe too.
 *
 * <h2>Stored form (schema version 2)</h2>
 *
 * <p>All tables live in one PostgreSQL schema (default {@code agentledger}), created and migrated
 * by {@link Builder#open()}: each migration runs once, in one transaction with its row in {@code
 * schema_version}, concurrent openers serialized by an advisory lock; a database migrated by newer
 * code is refused with {@link io.github.agentledger.segment.UnsupportedFormatVersionException} and
 * never written to.
 *
 * <pre>
 * sessions(session_id PK, created_at)
 * segments(session_id, segment_id, entry_count, created_at, modified_at,
 *          lease_holder, lease_token, lease_expires_at)          PK (session_id, segment_id)
 * entries(session_id, segment_id, seq, line bytea)                PK (session_id, segment_id, seq)
 * traces(session_id, segment_id, seq, line bytea)                 PK (session_id, segment_id, seq)
 * conversation_keys(conversation_key PK, session_id, created_at)
 * session_attributes(session_id, name, value text)               PK (session_id, name)
 * </pre>
 *
 * <p>An entry's {@code line} is exactly its JSONL line ({@link JsonlLineCodec}), so a segment's
 * entries in {@code seq} order, each followed by a newline, are byte for byte the file {@link
 * io.github.agentledger.segment.jsonl.JsonlSegmentStore} would hold; corruption is reported with
 * the line number ({@code seq}) and the byte offset in that form. Segments, traces, conversation
 * keys and attributes cascade from their session, so deleting a session is one {@code DELETE}.
 * A key binds only to a session holding a segment; an attribute's value is its exact JSON text
 * (version 2 turned the column from {@code jsonb}, which normalizes, into {@code text}).
 *
 * <h2>Writes and durability</h2>
 *
 * <p>Every write is one transaction and returns after it commits; with PostgreSQL's default {@code
 * synchronous_commit = on} that means its WAL is flushed. An append is a single statement that
 * checks the lease and the expected entry count on the segment's row (locking it), raises the
 * count and the modification time, and inserts the lines: a conflicting compare-and-append fails with
 * {@link SegmentConflictException} and inserts nothing. Sent alone, in auto-commit, it costs what
 * a plain {@code INSERT} costs: one round trip and one commit, with no {@code BEGIN}, no lease
 * check and no read of the count before it. Appends to distinct segments commit side by side, on
 * up to {@link Builder#groupCommitLanes} connections at once; a segment is in one lane at a time,
 * so the appends to it commit in their order of arrival. Once every lane is busy, the appends that
 * arrive wait and are then committed together (group commit), up to {@link
 * Builder#groupCommitMaxBatch} to a transaction, as one statement over arrays for each round of
 * distinct segments (each append applied or refused by itself, rows locked in segment order); a
 * lone append never waits.
 * Creating a segment inserts its row and all its entries in one transaction.
 *
 * <h2>One writer per segment, across machines</h2>
 *
 * <p>{@link #openWriter} takes the segment's lease: it sets the holder (this store instance) and
 * raises the fencing token, only if no live lease is there, and fails at once with {@link
 * SegmentLockedException} otherwise. A lease expires {@link Builder#leaseDuration} after it was
 * last renewed; the store renews its writers' leases in the background every third of that, and
 * each append renews it too. Expiry is judged by the database's clock, the one clock all nodes
 * share. A node that crashed stops renewing, so its leases expire and another node's {@code
 * openWriter} takes them over. Every write of a writer requires its holder and token on the row,
 * in the same statement, so a writer whose lease was taken over (a node that paused longer than
 * the lease) can no longer write: it fails with {@link SegmentLockedException}. The store-level
 * {@link #append}, {@link #truncate} and {@link #appendTrace} write without opening a writer, in
 * one transaction each: they fail with {@link SegmentLockedException} while a live writer holds
 * the segment, and fence out any earlier holder whose lease had expired. {@link #deleteSession}
 * locks the session's segments and refuses while one of them has a live lease.
 *
 * <h2>Reads</h2>
 *
 * <p>{@link #read} and {@link #restore} stream the entries through a server-side cursor in one
 * read-only repeatable-read transaction (they see the segment as of their start), {@link
 * Builder#fetchSize} lines at a time: memory is bounded by that many lines, whatever the segment's
 * size. {@link #restore(SessionId, SegmentId, RestoredState)} reads only the entries after those
 * the earlier state was built from. Reads take no lease. {@link #lastModified} is the time of the
 * latest write to the session, by the store's {@link Clock}.
 */
public final class PostgresSegmentStore implements SegmentStore, AutoCloseable {
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final ConnectionPool pool;
  private final Transactions transactions;
  private final Tables tables;
  private final Clock clock;
  private final Leases leases;
  private final int fetchSize;
  private final GroupCommitter committer;

  private PostgresSegmentStore(Builder builder, ConnectionPool pool) {
    this.pool = pool;
    this.transactions = new Transactions(pool);
    this.tables = new Tables(builder.schema);
    this.clock = builder.clock;
    long leaseMillis = builder.leaseDuration.toMillis();
    this.leases = new Leases(tables, transactions,
        new UUID(builder.random.nextLong(), builder.random.nextLong()), leaseMillis);
    this.fetchSize = builder.fetchSize;
    this.committer = new GroupCommitter(pool, tables, clock, leaseMillis,
        builder.groupCommitMaxBatch, builder.groupCommitLanes, builder.beforeBatch);
  }

  /**
   * Opens a store in schema {@code agentledger} with the default settings, creating or migrating
   * its tables.
   *
   * @param dataSource where connections come from
   * @return the store
   * @throws io.github.agentledger.segment.UnsupportedFormatVersionException if the schema was
   *     migrated by newer code
   * @throws SegmentIoException if the database cannot be reached
   */
  public static PostgresSegmentStore open(DataSource dataSource) {
    return builder(dataSource).open();
  }

  /**
   * Starts configuring a store.
   *
   * @param dataSource where connections come from
   * @return a builder with the default settings
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** {@return the PostgreSQL schema of the store's tables} */
  public String schema() {
    return tables.schema();
  }

  @Override
  public void create(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(entries, "entries");
    checkCreate(sessionId, entries);
    byte[][] lines = encode(entries);
    execute("creating", location(sessionId, segmentId), connection -> {
      OffsetDateTime now = now();
      try (PreparedStatement session = connection.prepareStatement(tables.touchSession())) {
        session.setObject(1, sessionId.value());
        session.setObject(2, now);
        session.executeUpdate();
      }
      try (PreparedStatement segment = connection.prepareStatement(tables.insertSegment())) {
        segment.setObject(1, sessionId.value());
        segment.setObject(2, segmentId.value());
        segment.setLong(3, lines.length);
        segment.setObject(4, now);
        segment.setObject(5, now);
        if (segment.executeUpdate() == 0) {
          throw new SegmentAlreadyExistsException(sessionId, segmentId);
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(tables.insertLines())) {
        Array array = connection.createArrayOf("bytea", lines);
        insert.setObject(1, sessionId.value());
        insert.setObject(2, segmentId.value());
        insert.setArray(3, array);
        insert.executeUpdate();
        array.free();
      }
    });
  }

  @Override
  public SegmentWriter openWriter(SessionId sessionId, SegmentId segmentId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    return inTransaction("opening a writer", location(sessionId, segmentId), connection -> {
      Optional<Leases.Acquired> acquired = leases.acquire(connection, sessionId, segmentId);
      if (acquired.isPresent()) {
        return new PostgresSegmentWriter(
            this, acquired.get().lease(), acquired.get().entryCount());
      }
      if (!exists(connection, sessionId, segmentId)) {
        throw new SegmentNotFoundException(sessionId, segmentId);
      }
      throw new SegmentLockedException(sessionId, segmentId);
    });
  }

  @Override
  public long append(SessionId sessionId, SegmentId segmentId, List<LogEntry> entries) {
    return append(sessionId, segmentId, OptionalLong.empty(), entries);
  }

  @Override
  public long append(
      SessionId sessionId, SegmentId segmentId, long expectedEntryCount, List<LogEntry> entries) {
    return append(sessionId, segmentId, OptionalLong.of(expectedEntryCount), entries);
  }

  private long append(SessionId sessionId, SegmentId segmentId, OptionalLong expected,
      List<LogEntry> entries) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(entries, "entries");
    for (int i = 0; i < entries.size(); i++) {
      if (Objects.requireNonNull(entries.get(i), "entry") instanceof LogEntry.SegmentStart) {
        long before = entryCount(sessionId, segmentId);
        throw new InvalidSegmentStructureException(before + i + 1,
            "a second segment_start; a segment has exactly one, as its first entry");
      }
    }
    byte[][] lines = encode(entries);
    if (lines.length == 0) {
      return inTransaction("appending", location(sessionId, segmentId), connection -> {
        SegmentState state = lockedState(connection, sessionId, segmentId);
        if (state.liveLease()) {
          throw new SegmentLockedException(sessionId, segmentId);
        }
        if (expected.isPresent() && expected.getAsLong() != state.entryCount()) {
          throw new SegmentConflictException(
              sessionId, segmentId, expected.getAsLong(), state.entryCount());
        }
        return state.entryCount();
      });
    }
    return commit(new AppendRequest(sessionId, segmentId, Optional.empty(), expected, lines));
  }

  /** {@return the group committer, for tests} */
  GroupCommitter committer() {
    return committer;
  }

  /** Commits an append through the group committer. */
  long commit(AppendRequest request) {
    return committer.submit(request);
  }

  @Override
  public Stream<LogEntry> read(SessionId sessionId, SegmentId segmentId) {
    EntryCursor cursor = openCursor(sessionId, segmentId, 0);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(cursor::close);
  }

  private EntryCursor openCursor(SessionId sessionId, SegmentId segmentId, long after) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    try {
      return EntryCursor.open(pool, tables, sessionId, segmentId, after, fetchSize);
    } catch (SQLException e) {
      throw SqlErrors.io("reading", location(sessionId, segmentId), e);
    }
  }

  @Override
  public RestoredState restore(SessionId sessionId, SegmentId segmentId) {
    try (EntryCursor cursor = openCursor(sessionId, segmentId, 0)) {
      return RestoredState.replay(cursor);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reads only the entries after the first {@code previous.entryCount()}, by
   * sequence number, in the same transaction that checks the segment still holds that many.
   */
  @Override
  public RestoredState restore(SessionId sessionId, SegmentId segmentId, RestoredState previous) {
    Objects.requireNonNull(previous, "previous");
    if (!previous.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(1, location(sessionId, segmentId)
          + ": the state to resume belongs to session " + previous.sessionId() + ", not "
          + sessionId);
    }
    try (EntryCursor cursor = openCursor(sessionId, segmentId, previous.entryCount())) {
      if (cursor.totalCount() < previous.entryCount()) {
        throw new SegmentConflictException(
            sessionId, segmentId, previous.entryCount(), cursor.totalCount());
      }
      return previous.resume(cursor);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reads the first line only and skips the value of its {@code history}.
   */
  @Override
  public Optional<Derivation> derivation(SessionId sessionId, SegmentId segmentId) {
    String location = location(sessionId, segmentId);
    Optional<byte[]> first = query("reading the origin", location, tables.line(), statement -> {
      statement.setObject(1, sessionId.value());
      statement.setObject(2, segmentId.value());
      statement.setLong(3, 1);
    }, rows -> rows.next() ? Optional.ofNullable(rows.getBytes(1)) : Optional.empty());
    if (first.isEmpty()) {
      if (!exists(sessionId, segmentId)) {
        throw new SegmentNotFoundException(sessionId, segmentId);
      }
      throw new InvalidSegmentStructureException(1, location
          + " holds no committed entry; a segment starts with its segment_start");
    }
    LogEntry entry = JsonlLineCodec.decodeWithoutHistory(first.get(), location, 1, 0);
    if (!(entry instanceof LogEntry.SegmentStart start)
        || !start.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(1, "segment "
          + new SegmentRef(sessionId, segmentId) + " starts with " + entry.kind()
          + ", not a segment_start of its session");
    }
    return Derivation.of(start);
  }

  @Override
  public long entryCount(SessionId sessionId, SegmentId segmentId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    OptionalLong count = query("counting", location(sessionId, segmentId), tables.entryCount(),
        statement -> {
          statement.setObject(1, sessionId.value());
          statement.setObject(2, segmentId.value());
        }, rows -> rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty());
    return count.orElseThrow(() -> new SegmentNotFoundException(sessionId, segmentId));
  }

  @Override
  public List<SessionId> listSessions() {
    return query("listing sessions", tables.location(), tables.listSessions(), statement -> {},
        rows -> {
          List<SessionId> sessions = new ArrayList<>();
          while (rows.next()) {
            sessions.add(new SessionId(rows.getObject(1, UUID.class)));
          }
          return List.copyOf(sessions);
        });
  }

  @Override
  public List<SegmentId> listSegments(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return query("listing segments", tables.location(), tables.listSegments(),
        statement -> statement.setObject(1, sessionId.value()),
        rows -> {
          List<SegmentId> segments = new ArrayList<>();
          while (rows.next()) {
            segments.add(new SegmentId(rows.getObject(1, UUID.class)));
          }
          return List.copyOf(segments);
        });
  }

  @Override
  public boolean exists(SessionId sessionId, SegmentId segmentId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    return query("looking up", location(sessionId, segmentId), tables.entryCount(), statement -> {
      statement.setObject(1, sessionId.value());
      statement.setObject(2, segmentId.value());
    }, ResultSet::next);
  }

  @Override
  public void truncate(SessionId sessionId, SegmentId segmentId, long entryCount) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    truncate(Optional.empty(), sessionId, segmentId, entryCount);
  }

  /** Truncates, as the lease's writer or as a short-lived one; checks the range in the store. */
  void truncate(Optional<Lease> lease, SessionId sessionId, SegmentId segmentId, long count) {
    execute("truncating", location(sessionId, segmentId), connection -> {
      SegmentState state = guard(connection, lease, sessionId, segmentId);
      if (count < 1 || count > state.entryCount()) {
        throw new EntryCountOutOfRangeException(
            sessionId, segmentId, count, state.entryCount());
      }
      try (PreparedStatement delete = connection.prepareStatement(tables.deleteAfter());
          PreparedStatement setCount = connection.prepareStatement(tables.setCount())) {
        delete.setObject(1, sessionId.value());
        delete.setObject(2, segmentId.value());
        delete.setLong(3, count);
        delete.executeUpdate();
        setCount.setLong(1, count);
        setCount.setObject(2, sessionId.value());
        setCount.setObject(3, segmentId.value());
        setCount.executeUpdate();
      }
      stamp(connection, sessionId, segmentId);
    });
  }

  @Override
  public void appendTrace(SessionId sessionId, SegmentId segmentId, List<TraceRecord> records) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    Objects.requireNonNull(records, "records");
    appendTrace(Optional.empty(), sessionId, segmentId, records);
  }

  /** Appends trace lines, as the lease's writer or as a short-lived one. */
  void appendTrace(Optional<Lease> lease, SessionId sessionId, SegmentId segmentId,
      List<TraceRecord> records) {
    byte[][] lines = new byte[records.size()][];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = records.get(i).json().text().getBytes(StandardCharsets.UTF_8);
    }
    execute("appending a trace", location(sessionId, segmentId), connection -> {
      guard(connection, lease, sessionId, segmentId);
      if (lines.length == 0) {
        return;
      }
      try (PreparedStatement insert = connection.prepareStatement(tables.appendTrace())) {
        Array array = connection.createArrayOf("bytea", lines);
        insert.setObject(1, sessionId.value());
        insert.setObject(2, segmentId.value());
        insert.setObject(3, sessionId.value());
        insert.setObject(4, segmentId.value());
        insert.setArray(5, array);
        insert.executeUpdate();
        array.free();
      }
      stamp(connection, sessionId, segmentId);
    });
  }

  @Override
  public Stream<TraceRecord> readTrace(SessionId sessionId, SegmentId segmentId) {
    if (!exists(sessionId, segmentId)) {
      throw new SegmentNotFoundException(sessionId, segmentId);
    }
    String location = location(sessionId, segmentId) + " trace";
    List<byte[]> lines = query("reading a trace", location, tables.traceLines(), statement -> {
      statement.setObject(1, sessionId.value());
      statement.setObject(2, segmentId.value());
    }, rows -> {
      List<byte[]> all = new ArrayList<>();
      while (rows.next()) {
        all.add(rows.getBytes(1));
      }
      return all;
    });
    // Traces are debug output, read whole; each record is checked when the stream reaches it.
    long[] offset = {0};
    long[] number = {0};
    return lines.stream().map(line -> {
      number[0]++;
      long at = offset[0];
      offset[0] += line.length + 1;
      try {
        return TraceRecord.of(new String(line, StandardCharsets.UTF_8));
      } catch (InvalidJsonException e) {
        throw new CorruptSegmentException(
            location, number[0], at, "is not a JSON object: " + e.getMessage(), e);
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store reports the time of the session's latest write, by the store's clock.
   */
  @Override
  public Optional<Instant> lastModified(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return query("reading the modification time", tables.location(), tables.lastModified(),
        statement -> statement.setObject(1, sessionId.value()),
        rows -> {
          rows.next();
          return Optional.ofNullable(rows.getObject(1, OffsetDateTime.class))
              .map(OffsetDateTime::toInstant);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store locks the session's segment rows, refuses if one has a live lease, and deletes
   * the session row, whose segments, entries and traces go with it, in one transaction.
   */
  @Override
  public boolean deleteSession(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return inTransaction("deleting a session", tables.location() + " session " + sessionId,
        connection -> {
          try (PreparedStatement lock = connection.prepareStatement(tables.lockSession())) {
            lock.setObject(1, sessionId.value());
            try (ResultSet rows = lock.executeQuery()) {
              while (rows.next()) {
                if (rows.getBoolean(2)) {
                  throw new SegmentLockedException(
                      sessionId, new SegmentId(rows.getObject(1, UUID.class)));
                }
              }
            }
          }
          try (PreparedStatement delete = connection.prepareStatement(tables.deleteSession())) {
            delete.setObject(1, sessionId.value());
            return delete.executeUpdate() > 0;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store inserts the binding with {@code ON CONFLICT DO NOTHING} only while the session
   * holds a segment, then reads the key's session: of concurrent binders on any number of
   * machines, the database lets one insert win and the others wait for it and read its session.
   */
  @Override
  public SessionId bindKey(ConversationKey key, SessionId sessionId) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sessionId, "sessionId");
    String where = tables.location() + " key " + key.value();
    while (true) {
      int inserted = inTransaction("binding a conversation key", where, connection -> {
        try (PreparedStatement insert = connection.prepareStatement(tables.bindKey())) {
          insert.setString(1, key.value());
          insert.setObject(2, sessionId.value());
          insert.setObject(3, now());
          insert.setObject(4, sessionId.value());
          return insert.executeUpdate();
        }
      });
      if (inserted == 1) {
        return sessionId;
      }
      Optional<SessionId> bound = lookupKey(key);
      if (bound.isPresent()) {
        return bound.get();
      }
      if (listSegments(sessionId).isEmpty()) {
        throw new SessionNotFoundException(sessionId);
      }
      // The key was bound and unbound again between the insert and the lookup: bind anew.
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store runs one {@code UPDATE … SET session_id = replacement WHERE conversation_key =
   * key AND session_id = expected} (only while {@code replacement} holds a segment) in one
   * transaction: the database's row lock makes concurrent rebinds on any number of machines take
   * turns, and a loser's {@code WHERE} no longer matches the row the winner committed. When no
   * row changed, the same transaction reads why.
   */
  @Override
  public void rebindKey(ConversationKey key, SessionId expected, SessionId replacement) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(replacement, "replacement");
    String where = tables.location() + " key " + key.value();
    boolean done = false;
    while (!done) {
      done = rebindOnce(key, expected, replacement, where);
    }
  }

  /** One try of {@link #rebindKey}; {@return false when a concurrent change asks for another} */
  private boolean rebindOnce(
      ConversationKey key, SessionId expected, SessionId replacement, String where) {
    return inTransaction("rebinding a conversation key", where, connection -> {
      try (PreparedStatement update = connection.prepareStatement(tables.rebindKey())) {
        update.setObject(1, replacement.value());
        update.setString(2, key.value());
        update.setObject(3, expected.value());
        update.setObject(4, replacement.value());
        if (update.executeUpdate() == 1) {
          return true;
        }
      }
      Optional<SessionId> bound;
      try (PreparedStatement lookup = connection.prepareStatement(tables.lookupKey())) {
        lookup.setString(1, key.value());
        try (ResultSet rows = lookup.executeQuery()) {
          bound = rows.next()
              ? Optional.of(new SessionId(rows.getObject(1, UUID.class)))
              : Optional.empty();
        }
      }
      if (!bound.equals(Optional.of(expected))) {
        throw new KeyBindingConflictException(key, expected, bound);
      }
      try (PreparedStatement exists = connection.prepareStatement(tables.sessionHasSegment())) {
        exists.setObject(1, replacement.value());
        try (ResultSet rows = exists.executeQuery()) {
          if (!rows.next() || !rows.getBoolean(1)) {
            throw new SessionNotFoundException(replacement);
          }
        }
      }
      // The key names expected and replacement holds a segment, yet the update changed nothing:
      // both changed between the update and these reads (READ COMMITTED); try again.
      return false;
    });
  }

  @Override
  public Optional<SessionId> lookupKey(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    return query("looking up a conversation key", tables.location() + " key " + key.value(),
        tables.lookupKey(), statement -> statement.setString(1, key.value()),
        rows -> rows.next()
            ? Optional.of(new SessionId(rows.getObject(1, UUID.class)))
            : Optional.<SessionId>empty());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The keys are ordered as Java orders their strings ({@link String#compareTo}), whatever
   * the database's collation.
   */
  @Override
  public List<KeyBinding> listKeys() {
    List<KeyBinding> bindings = query("listing conversation keys", tables.location(),
        tables.listKeys(), statement -> {}, rows -> {
          List<KeyBinding> all = new ArrayList<>();
          while (rows.next()) {
            all.add(new KeyBinding(new ConversationKey(rows.getString(1)),
                new SessionId(rows.getObject(2, UUID.class))));
          }
          return all;
        });
    bindings.sort(Comparator.comparing(binding -> binding.key().value()));
    return List.copyOf(bindings);
  }

  @Override
  public boolean unbindKey(ConversationKey key) {
    Objects.requireNonNull(key, "key");
    return inTransaction("unbinding a conversation key", tables.location() + " key "
        + key.value(), connection -> {
          try (PreparedStatement delete = connection.prepareStatement(tables.unbindKey())) {
            delete.setString(1, key.value());
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public Map<String, JsonText> sessionAttributes(SessionId sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return query("reading session attributes", tables.location() + " session " + sessionId,
        tables.attributes(), statement -> statement.setObject(1, sessionId.value()), rows -> {
          TreeMap<String, JsonText> attributes = new TreeMap<>();
          while (rows.next()) {
            attributes.put(rows.getString(1), JsonText.of(rows.getString(2)));
          }
          return Collections.unmodifiableMap(attributes);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store sets them in one {@code INSERT … ON CONFLICT DO UPDATE}, which applies only
   * while the session holds a segment; each value is kept as its exact JSON text.
   *
   * @throws IllegalArgumentException if a name holds a NUL or a lone surrogate (PostgreSQL text
   *     cannot hold them); nothing changed
   */
  @Override
  public void putSessionAttributes(SessionId sessionId, Map<String, JsonText> attributes) {
    Objects.requireNonNull(sessionId, "sessionId");
    Map<String, JsonText> copy = Map.copyOf(attributes);
    copy.keySet().forEach(PostgresSegmentStore::checkAttributeName);
    if (copy.isEmpty()) {
      if (listSegments(sessionId).isEmpty()) {
        throw new SessionNotFoundException(sessionId);
      }
      return;
    }
    String[] names = copy.keySet().toArray(String[]::new);
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = Objects.requireNonNull(copy.get(names[i]), "a listed name has a value").text();
    }
    int set = inTransaction("setting session attributes",
        tables.location() + " session " + sessionId, connection -> {
          try (PreparedStatement upsert = connection.prepareStatement(tables.putAttributes())) {
            Array nameArray = connection.createArrayOf("text", names);
            Array valueArray = connection.createArrayOf("text", values);
            upsert.setObject(1, sessionId.value());
            upsert.setArray(2, nameArray);
            upsert.setArray(3, valueArray);
            upsert.setObject(4, sessionId.value());
            return upsert.executeUpdate();
          }
        });
    if (set == 0) {
      throw new SessionNotFoundException(sessionId);
    }
  }

  @Override
  public boolean removeSessionAttribute(SessionId sessionId, String name) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(name, "name");
    return inTransaction("removing a session attribute",
        tables.location() + " session " + sessionId, connection -> {
          try (PreparedStatement delete = connection.prepareStatement(tables.removeAttribute())) {
            delete.setObject(1, sessionId.value());
            delete.setString(2, name);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>This store gives each entry's stored line, which is its exact JSONL line, followed by
   * {@code \n}, streamed through a server-side cursor like {@link #read}; a failure of the
   * database while the stream is read is an {@link java.io.IOException}.
   */
  @Override
  public InputStream openJsonl(SessionId sessionId, SegmentId segmentId) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(segmentId, "segmentId");
    try {
      return JsonlStream.open(pool, tables, sessionId, segmentId, fetchSize);
    } catch (SQLException e) {
      throw SqlErrors.io("reading", location(sessionId, segmentId), e);
    }
  }

  private static void checkAttributeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("attribute name holds a NUL at char " + i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("attribute name holds a lone surrogate at char " + i);
      }
    }
  }

  /** Stops renewing leases (open writers keep theirs until they expire) and closes connections. */
  @Override
  public void close() {
    leases.close();
    pool.close();
  }

  /** {@return the store's schema, for diagnostics} */
  @Override
  public String toString() {
    return "PostgresSegmentStore[" + tables.schema() + "]";
  }

  /** Releases a writer's lease (best effort: an unreachable one expires by itself). */
  void release(Lease lease) {
    leases.release(lease, location(lease.sessionId(), lease.segmentId()));
  }

  /**
   * Locks the segment's row and checks the caller may write: the lease's holder, or anyone while
   * no live lease is there (who then fences out any earlier holder).
   */
  private SegmentState guard(Connection connection, Optional<Lease> lease, SessionId sessionId,
      SegmentId segmentId) throws SQLException {
    SegmentState state = lockedState(connection, sessionId, segmentId);
    if (lease.isPresent() ? !state.heldBy(lease.get()) : state.liveLease()) {
      throw new SegmentLockedException(sessionId, segmentId);
    }
    if (lease.isEmpty() && state.holder().isPresent()) {
      try (PreparedStatement fence = connection.prepareStatement(tables.release())) {
        fence.setObject(1, sessionId.value());
        fence.setObject(2, segmentId.value());
        fence.setObject(3, state.holder().get());
        fence.setLong(4, state.token());
        fence.executeUpdate();
      }
    }
    return state;
  }

  private SegmentState lockedState(Connection connection, SessionId sessionId,
      SegmentId segmentId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(tables.segmentState())) {
      statement.setObject(1, sessionId.value());
      statement.setObject(2, segmentId.value());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new SegmentNotFoundException(sessionId, segmentId);
        }
        return SegmentState.of(rows);
      }
    }
  }

  private void stamp(Connection connection, SessionId sessionId, SegmentId segmentId)
      throws SQLException {
    try (PreparedStatement stamp = connection.prepareStatement(tables.stampSegment())) {
      stamp.setObject(1, now());
      stamp.setObject(2, sessionId.value());
      stamp.setObject(3, segmentId.value());
      stamp.executeUpdate();
    }
  }

  private boolean exists(Connection connection, SessionId sessionId, SegmentId segmentId)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(tables.entryCount())) {
      statement.setObject(1, sessionId.value());
      statement.setObject(2, segmentId.value());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private String location(SessionId sessionId, SegmentId segmentId) {
    return tables.location() + " segment " + segmentId + " of session " + sessionId;
  }

  private <T> T inTransaction(String operation, String location, Transactions.Work<T> work) {
    return transactions.run(operation, location, work);
  }

  private void execute(String operation, String location, Transactions.Action action) {
    transactions.execute(operation, location, action);
  }

  private <T> T query(String operation, String location, String sql,
      Transactions.Binder binder, Transactions.Reader<T> reader) {
    return transactions.query(operation, location, sql, binder, reader);
  }

  private static void checkCreate(SessionId sessionId, List<LogEntry> entries) {
    if (entries.isEmpty()) {
      throw new InvalidSegmentStructureException(1, "a new segment needs its segment_start");
    }
    if (!(Objects.requireNonNull(entries.get(0), "entry")
        instanceof LogEntry.SegmentStart start)) {
      throw new InvalidSegmentStructureException(
          1, "the first entry is " + entries.get(0).kind() + ", not segment_start");
    }
    if (!start.sessionId().equals(sessionId)) {
      throw new InvalidSegmentStructureException(
          1, "segment_start names session " + start.sessionId() + ", not " + sessionId);
    }
    encodeAppend(1, entries.subList(1, entries.size()));
  }

  /**
   * Encodes entries to append after {@code before}, refusing a {@code segment_start}.
   *
   * @throws InvalidSegmentStructureException naming the position of a {@code segment_start}
   */
  static byte[][] encodeAppend(long before, List<LogEntry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      if (Objects.requireNonNull(entries.get(i), "entry") instanceof LogEntry.SegmentStart) {
        throw new InvalidSegmentStructureException(before + i + 1,
            "a second segment_start; a segment has exactly one, as its first entry");
      }
    }
    return encode(entries);
  }

  private static byte[][] encode(List<LogEntry> entries) {
    byte[][] lines = new byte[entries.size()][];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = JsonlLineCodec.encode(entries.get(i));
    }
    return lines;
  }

  /**
   * Configures a {@link PostgresSegmentStore}. Each setter validates its value and names it in
   * the error. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String schema = "agentledger";
    private Duration leaseDuration = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private int groupCommitMaxBatch = 64;
    private int groupCommitLanes = 4;
    private int fetchSize = 256;
    private int maxIdleConnections = 8;
    private IntConsumer beforeBatch = size -> {};

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the PostgreSQL schema of the tables; several stores can share a database in different
     * schemas.
     *
     * @param schema lower-case letters, digits and {@code _}, not starting with a digit, at most
     *     63 characters; the default is {@code agentledger}
     * @return this builder
     * @throws IllegalArgumentException if the name is not of that form
     */
    public Builder schema(String schema) {
      Objects.requireNonNull(schema, "schema");
      if (!SCHEMA.matcher(schema).matches()) {
        throw new IllegalArgumentException("schema must match " + SCHEMA + ", was '" + schema
            + "'");
      }
      this.schema = schema;
      return this;
    }

    /**
     * Sets how long a writer's lease lasts without renewal: how soon a crashed node's segments
     * can be written by another node, and how long a node may pause before it loses its writers.
     *
     * @param leaseDuration at least 100 ms; the default is 30 s
     * @return this builder
     * @throws IllegalArgumentException if it is shorter than 100 ms
     */
    public Builder leaseDuration(Duration leaseDuration) {
      Objects.requireNonNull(leaseDuration, "leaseDuration");
      if (leaseDuration.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("leaseDuration must be at least 100 ms, was "
            + leaseDuration);
      }
      this.leaseDuration = leaseDuration;
      return this;
    }

    /**
     * Sets the clock that stamps sessions' modification times (leases use the database's clock).
     *
     * @param clock the clock; the default is the system clock in UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the source of the store instance's lease holder id.
     *
     * @param random the generator; the default is a {@link java.security.SecureRandom}
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets how many appends one group commit takes at most.
     *
     * @param maxBatch at least 1; the default is 64
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder groupCommitMaxBatch(int maxBatch) {
      if (maxBatch < 1) {
        throw new IllegalArgumentException("groupCommitMaxBatch must be >= 1, was " + maxBatch);
      }
      this.groupCommitMaxBatch = maxBatch;
      return this;
    }

    /**
     * Sets how many group commits may run at once, each a transaction on its own connection:
     * appends to distinct segments commit side by side in as many lanes, and more lanes keep
     * the server working while a commit waits for its flush. A segment is in one lane at a time.
     * Keep {@link #maxIdleConnections} at least as large, or lanes reconnect.
     *
     * @param lanes at least 1; the default is 4
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder groupCommitLanes(int lanes) {
      if (lanes < 1) {
        throw new IllegalArgumentException("groupCommitLanes must be >= 1, was " + lanes);
      }
      this.groupCommitLanes = lanes;
      return this;
    }

    /**
     * Sets how many lines a read fetches from the server at a time: the bound of its memory.
     *
     * @param fetchSize at least 1; the default is 256
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder fetchSize(int fetchSize) {
      if (fetchSize < 1) {
        throw new IllegalArgumentException("fetchSize must be >= 1, was " + fetchSize);
      }
      this.fetchSize = fetchSize;
      return this;
    }

    /**
     * Sets how many idle connections the store keeps for reuse (0 with a pooling data source).
     *
     * @param maxIdle zero or more; the default is 8
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     */
    public Builder maxIdleConnections(int maxIdle) {
      if (maxIdle < 0) {
        throw new IllegalArgumentException("maxIdleConnections must be >= 0, was " + maxIdle);
      }
      this.maxIdleConnections = maxIdle;
      return this;
    }

    /** Test hook: called with each group commit's size before it commits. */
    Builder beforeBatch(IntConsumer hook) {
      this.beforeBatch = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Opens the store, creating or migrating its schema first.
     *
     * @return the store
     * @throws io.github.agentledger.segment.UnsupportedFormatVersionException if the schema was
     *     migrated by newer code; nothing was changed
     * @throws SegmentIoException if the database cannot be reached or the migration fails
     */
    public PostgresSegmentStore open() {
      ConnectionPool pool = new ConnectionPool(dataSource, maxIdleConnections);
      Connection connection = null;
      boolean healthy = false;
      try {
        connection = pool.borrow();
        Migrations.migrate(connection, schema);
        healthy = true;
      } catch (SQLException e) {
        pool.close();
        throw SqlErrors.io("migrating", "postgres schema " + schema, e);
      } catch (RuntimeException e) {
        healthy = true;
        pool.close();
        throw e;
      } finally {
        if (connection != null) {
          pool.release(connection, healthy);
        }
      }
      return new PostgresSegmentStore(this, pool);
    }
  }
}
