package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentNotFoundException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Group commit: appends of concurrent callers are committed together, several to a transaction,
 * so one WAL flush serves them all. A caller that arrives while fewer than {@code lanes} commits
 * run becomes a leader: it takes every waiting request (up to a bound), commits them in one
 * transaction on its own connection, wakes their callers, and goes on until its own request is
 * committed; then a waiting caller leads in its place. Several lanes keep the server busy while
 * one transaction waits for its flush (PostgreSQL then flushes the commits of the lanes
 * together). A lone caller commits at once, with no delay, in one auto-committed statement.
 *
 * <p>A batch is one statement per round ({@link Tables#appendBatch}): the requests of a round are
 * on distinct segments (a batch holding several appends to one segment takes several rounds, in
 * their order of arrival), and the statement applies each request only where its own lease check
 * and expected count hold, so a request that is refused (conflict, lock, missing segment) refuses
 * only itself, and returns the locked row that tells why. A batch of one round (no segment twice,
 * the usual case) is that one statement, auto-committed: atomic by itself, one round trip. A
 * batch of several rounds shares a transaction. Either way a failure fails every request of the
 * batch, and none of them was appended. The statement locks the rows ordered by segment, so two
 * stores' batches lock rows in the same order. A lone request is the single-request statement,
 * auto-committed.
 * Thread-safe.
 */
final class GroupCommitter {
  private static final Comparator<AppendRequest> BY_SEGMENT =
      Comparator.<AppendRequest, UUID>comparing(r -> r.sessionId.value())
          .thenComparing(r -> r.segmentId.value());

  private final ConnectionPool pool;
  private final Tables tables;
  /** The batch statement's text, built once: the driver finds its prepared statement by it. */
  private final String appendBatch;
  private final Clock clock;
  private final long leaseMillis;
  private final int maxBatch;
  private final Deque<AppendRequest> queue = new ArrayDeque<>();
  private final IntConsumer beforeBatch;
  private final int lanes;
  private int leaders;
  private long batches;

  /**
   * Creates the committer.
   *
   * @param beforeBatch called by the leader with each batch's size before it commits (tests hold
   *     a commit open with it to make batching deterministic)
   */
  GroupCommitter(ConnectionPool pool, Tables tables, Clock clock, long leaseMillis, int maxBatch,
      int lanes, IntConsumer beforeBatch) {
    this.lanes = lanes;
    this.beforeBatch = beforeBatch;
    this.pool = pool;
    this.tables = tables;
    this.appendBatch = tables.appendBatch();
    this.clock = clock;
    this.leaseMillis = leaseMillis;
    this.maxBatch = maxBatch;
  }

  /** {@return the number of appends waiting for a commit} */
  synchronized int waiting() {
    return queue.size();
  }

  /** {@return the number of batches committed or tried so far} */
  synchronized long batches() {
    return batches;
  }

  /** Commits a request, alone or with others; returns once it is committed or refused. */
  long submit(AppendRequest request) {
    synchronized (this) {
      queue.addLast(request);
      boolean interrupted = false;
      while (leaders >= lanes && !request.isDone()) {
        try {
          wait();
        } catch (InterruptedException e) {
          // The request may be committed by the leader at any moment: wait for its outcome, and
          // give the interrupt back afterwards.
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (request.isDone()) {
        return request.outcome();
      }
      if (!queue.contains(request)) {
        // Another leader took it and is committing it now.
        while (!request.isDone()) {
          try {
            wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return request.outcome();
      }
      leaders++;
    }
    try {
      while (true) {
        List<AppendRequest> batch = new ArrayList<>();
        synchronized (this) {
          while (!queue.isEmpty() && batch.size() < maxBatch) {
            batch.add(queue.pollFirst());
          }
          if (!batch.isEmpty()) {
            batches++;
          }
        }
        if (batch.isEmpty()) {
          break;
        }
        beforeBatch.accept(batch.size());
        commit(batch);
        synchronized (this) {
          notifyAll();
          if (request.isDone()) {
            break;
          }
        }
      }
    } finally {
      synchronized (this) {
        leaders--;
        notifyAll();
      }
    }
    synchronized (this) {
      // Another leader may have drained this request into its own batch before this one drained
      // the queue: then it is still being committed, and returning now would acknowledge it
      // before its commit (and let this caller's next append overtake it).
      boolean interrupted = false;
      while (!request.isDone()) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return request.outcome();
    }
  }

  private void commit(List<AppendRequest> batch) {
    batch.sort(BY_SEGMENT);
    long[] counts = new long[batch.size()];
    RuntimeException[] refusals = new RuntimeException[batch.size()];
    Connection connection = null;
    boolean healthy = false;
    try {
      connection = pool.borrow();
      // A lone request is one statement, atomic by itself: in auto-commit it costs one round
      // trip. So is a batch of one round (every request on another segment, the usual case):
      // its statement tells why it refused what it refused, so it needs no transaction around
      // it, and its commit costs no second round trip. Only a batch of several rounds (several
      // appends to one segment) shares a transaction, so that it commits all or nothing.
      List<List<Integer>> rounds = batch.size() > 1 ? rounds(batch) : List.of();
      boolean shared = rounds.size() > 1;
      if (shared) {
        connection.setAutoCommit(false);
      }
      OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
      if (batch.size() > 1) {
        for (List<Integer> round : rounds) {
          executeRound(connection, batch, round, now, counts, refusals);
        }
      } else {
        try (PreparedStatements statements = new PreparedStatements(connection)) {
          AppendRequest request = batch.get(0);
          OptionalCount result = execute(connection, statements.of(request), request, now);
          if (result.count >= 0) {
            counts[0] = result.count;
          } else {
            refusals[0] = refusal(connection, request);
          }
        }
      }
      if (shared) {
        connection.commit();
      }
      healthy = true;
    } catch (SQLException e) {
      RuntimeException failure = SqlErrors.io("appending", tables.location(), e);
      synchronized (this) {
        for (AppendRequest request : batch) {
          request.fail(failure);
        }
      }
      return;
    } catch (RuntimeException e) {
      synchronized (this) {
        for (AppendRequest request : batch) {
          request.fail(e);
        }
      }
      return;
    } finally {
      if (connection != null) {
        pool.release(connection, healthy);
      }
    }
    synchronized (this) {
      for (int i = 0; i < batch.size(); i++) {
        if (refusals[i] != null) {
          batch.get(i).fail(refusals[i]);
        } else {
          batch.get(i).succeed(counts[i]);
        }
      }
    }
  }

  /** The count after the append, or -1 if the statement matched no row (refused). */
  private record OptionalCount(long count) {}

  /** The four forms of the append statement, prepared on first use in one transaction. */
  private final class PreparedStatements implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement[] prepared = new PreparedStatement[4];

    PreparedStatements(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement of(AppendRequest request) throws SQLException {
      boolean held = request.lease.isPresent();
      boolean single = request.lines.length == 1;
      int index = (held ? 2 : 0) + (single ? 1 : 0);
      if (prepared[index] == null) {
        prepared[index] = connection.prepareStatement(held
            ? tables.appendHeld(single)
            : tables.appendUnheld(single));
      }
      return prepared[index];
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement statement : prepared) {
        if (statement != null) {
          statement.close();
        }
      }
    }
  }

  private OptionalCount execute(Connection connection, PreparedStatement statement,
      AppendRequest request, OffsetDateTime now) throws SQLException {
    // One line (the common append) goes as a plain bytea parameter, several as a bytea[].
    Array lines = request.lines.length == 1
        ? null
        : connection.createArrayOf("bytea", request.lines);
    int p = 1;
    if (lines == null) {
      statement.setBytes(p++, request.lines[0]);
    } else {
      statement.setArray(p++, lines);
    }
    statement.setObject(p++, now);
    if (request.lease.isPresent()) {
      statement.setLong(p++, leaseMillis);
    }
    statement.setObject(p++, request.sessionId.value());
    statement.setObject(p++, request.segmentId.value());
    if (request.lease.isPresent()) {
      statement.setObject(p++, request.lease.get().holder());
      statement.setLong(p++, request.lease.get().token());
    }
    if (request.expected.isPresent()) {
      statement.setLong(p++, request.expected.getAsLong());
      statement.setLong(p++, request.expected.getAsLong());
    } else {
      statement.setNull(p++, Types.BIGINT);
      statement.setNull(p++, Types.BIGINT);
    }
    statement.setObject(p++, request.sessionId.value());
    statement.setObject(p++, request.segmentId.value());
    try (ResultSet rows = statement.executeQuery()) {
      return new OptionalCount(rows.next() ? rows.getLong(1) : -1);
    } finally {
      if (lines != null) {
        lines.free();
      }
    }
  }

  /** Tells why a lone request matched no row, reading the segment's row. */
  private RuntimeException refusal(Connection connection, AppendRequest request)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(tables.segmentState())) {
      statement.setObject(1, request.sessionId.value());
      statement.setObject(2, request.segmentId.value());
      try (ResultSet rows = statement.executeQuery()) {
        return refusal(request,
            rows.next() ? Optional.of(SegmentState.of(rows)) : Optional.empty());
      }
    }
  }

  /** Tells why a request was refused, given the segment's row (empty: no such segment). */
  private static RuntimeException refusal(AppendRequest request, Optional<SegmentState> row) {
    if (row.isEmpty()) {
      return new SegmentNotFoundException(request.sessionId, request.segmentId);
    }
    SegmentState state = row.get();
    if (request.lease.isPresent()
        ? !state.heldBy(request.lease.get())
        : state.liveLease()) {
      return new SegmentLockedException(request.sessionId, request.segmentId);
    }
    return new SegmentConflictException(request.sessionId, request.segmentId,
        request.expected.orElse(state.entryCount()), state.entryCount());
  }

  /**
   * Splits a batch sorted by segment into rounds in which each segment appears at most once (one
   * statement updates a row once): round k holds the k-th request of each segment, so the appends
   * to one segment keep their order of arrival.
   */
  private static List<List<Integer>> rounds(List<AppendRequest> batch) {
    List<List<Integer>> rounds = new ArrayList<>();
    int k = 0;
    for (int i = 0; i < batch.size(); i++) {
      boolean sameSegment = i > 0 && BY_SEGMENT.compare(batch.get(i - 1), batch.get(i)) == 0;
      k = sameSegment ? k + 1 : 0;
      if (rounds.size() == k) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(k).add(i);
    }
    return rounds;
  }

  /**
   * Executes one round of a batch as one statement ({@link Tables#appendBatch}); each request that
   * it did not apply was refused, and the reason is read in the same transaction.
   */
  private void executeRound(Connection connection, List<AppendRequest> batch, List<Integer> round,
      OffsetDateTime now, long[] counts, RuntimeException[] refusals) throws SQLException {
    int size = round.size();
    Integer[] index = new Integer[size];
    String[] sessions = new String[size];
    String[] segments = new String[size];
    String[] holders = new String[size];
    Long[] tokens = new Long[size];
    Long[] expected = new Long[size];
    Integer[] lineCounts = new Integer[size];
    int totalLines = 0;
    for (int j = 0; j < size; j++) {
      totalLines += batch.get(round.get(j)).lines.length;
    }
    Integer[] lineIndex = new Integer[totalLines];
    Long[] ordinals = new Long[totalLines];
    byte[][] lines = new byte[totalLines][];
    int l = 0;
    for (int j = 0; j < size; j++) {
      int i = round.get(j);
      AppendRequest request = batch.get(i);
      index[j] = i;
      sessions[j] = request.sessionId.value().toString();
      segments[j] = request.segmentId.value().toString();
      holders[j] = request.lease.map(lease -> lease.holder().toString()).orElse(null);
      tokens[j] = request.lease.map(Lease::token).orElse(null);
      expected[j] = request.expected.isPresent() ? request.expected.getAsLong() : null;
      lineCounts[j] = request.lines.length;
      for (int n = 0; n < request.lines.length; n++) {
        lineIndex[l] = i;
        ordinals[l] = (long) n + 1;
        lines[l++] = request.lines[n];
      }
    }
    List<Array> arrays = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(appendBatch)) {
      int p = 1;
      for (Array array : List.of(
          connection.createArrayOf("int4", index),
          connection.createArrayOf("text", sessions),
          connection.createArrayOf("text", segments),
          connection.createArrayOf("text", holders),
          connection.createArrayOf("int8", tokens),
          connection.createArrayOf("int8", expected),
          connection.createArrayOf("int4", lineCounts),
          connection.createArrayOf("int4", lineIndex),
          connection.createArrayOf("int8", ordinals),
          connection.createArrayOf("bytea", lines))) {
        arrays.add(array);
        statement.setArray(p++, array);
      }
      statement.setObject(p++, now);
      statement.setLong(p, leaseMillis);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          int i = rows.getInt(1);
          long count = rows.getLong(2);
          if (!rows.wasNull()) {
            counts[i] = count;
          } else {
            // Refused: why, from the segment's row as the statement locked it (columns 3-6 are
            // segmentState()'s, all null when the segment does not exist).
            UUID holder = rows.getObject(4, UUID.class);
            long entryCount = rows.getLong(3);
            Optional<SegmentState> state = rows.wasNull()
                ? Optional.empty()
                : Optional.of(new SegmentState(entryCount, Optional.ofNullable(holder),
                    rows.getLong(5), holder != null && rows.getBoolean(6)));
            refusals[i] = refusal(batch.get(i), state);
          }
        }
      }
    } finally {
      for (Array array : arrays) {
        array.free();
      }
    }
  }
}
