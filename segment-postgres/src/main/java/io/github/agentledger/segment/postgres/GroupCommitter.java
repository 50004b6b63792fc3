package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentConflictException;
import io.github.agentledger.segment.SegmentLockedException;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SegmentRef;
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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Group commit: appends of concurrent callers are committed together, several to a transaction,
 * so one WAL flush serves them all, while appends to distinct segments may also commit side by
 * side on up to {@code lanes} connections. A caller becomes a leader when a lane is free and no
 * lane holds its segment: it takes the waiting requests (in order of arrival, up to a bound) whose
 * segments no other lane holds, marks those segments held, commits them in one batch on its own
 * connection, wakes their callers, and frees its lane and the segments. A segment is thus in one
 * lane at a time: its appends commit one batch after the other, in their order of arrival, and two
 * lanes never wait on each other's row locks. Appenders on distinct segments (sixteen
 * conversations on one node) commit in parallel as long as lanes are free, each a lone statement
 * like a plain insert, and share batches once every lane is busy. A lone caller commits at once,
 * with no delay, in one auto-committed statement: one round trip and one commit.
 *
 * <p>A batch is one statement per round ({@link Tables#appendBatch}): the requests of a round are
 * on distinct segments (a batch holding several appends to one segment takes several rounds, in
 * their order of arrival), and the statement applies each request only where its own lease check
 * and expected count hold, so a request that is refused (conflict, lock, missing segment) refuses
 * only itself, and returns the locked row that tells why. A batch of one round (no segment twice,
 * the usual case) is that one statement, auto-committed: atomic by itself, one round trip. A
 * batch of several rounds shares a transaction. Either way a failure fails every request of the
 * batch, and none of them was appended. The statement locks the rows ordered by segment, so two
 * stores' batches lock rows in the same order. A lone request is the single-request statement
 * ({@link Tables#appendHeld}), auto-committed.
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
  /**
   * The lone-append statement's four forms, built once, indexed as {@link PreparedStatements#of}
   * does: unheld or held (+2), several lines or one (+1).
   */
  private final String[] appendOne;
  private final Clock clock;
  private final long leaseMillis;
  private final int maxBatch;
  private final Deque<AppendRequest> queue = new ArrayDeque<>();
  private final IntConsumer beforeBatch;
  private final int lanes;
  /** The segments of the batches being committed: one lane at a time per segment. */
  private final Set<SegmentRef> busy = new HashSet<>();
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
    this.appendOne = new String[] {tables.appendUnheld(false), tables.appendUnheld(true),
        tables.appendHeld(false), tables.appendHeld(true)};
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
    SegmentRef segment = request.segment();
    boolean interrupted = false;
    synchronized (this) {
      queue.addLast(request);
    }
    try {
      while (true) {
        List<AppendRequest> batch;
        synchronized (this) {
          // Lead when a lane is free and no lane holds this segment; otherwise wait for a leader
          // to commit this request, or for a lane (or the segment) to be free.
          while (!request.isDone()
              && (leaders >= lanes || !queue.contains(request) || busy.contains(segment))) {
            try {
              wait();
            } catch (InterruptedException e) {
              // The request may be committed by a leader at any moment: wait for its outcome,
              // and give the interrupt back afterwards.
              interrupted = true;
            }
          }
          if (request.isDone()) {
            return request.outcome();
          }
          leaders++;
          batch = take();
          batches++;
        }
        try {
          beforeBatch.accept(batch.size());
          commit(batch);
        } finally {
          synchronized (this) {
            for (AppendRequest taken : batch) {
              busy.remove(taken.segment());
              if (!taken.isDone()) {
                // Only if the hook or the commit itself threw an Error: never leave a caller
                // waiting for an outcome that will not come.
                taken.fail(new IllegalStateException("the group commit of " + taken.segment()
                    + " failed unexpectedly"));
              }
            }
            leaders--;
            notifyAll();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Takes the next batch off the queue, in order of arrival: the waiting requests on segments no
   * other lane holds, up to the bound, and marks their segments busy. Once the batch is full
   * nothing later is taken, so a segment's appends leave the queue in their order. Caller holds
   * the monitor.
   */
  private List<AppendRequest> take() {
    List<AppendRequest> batch = new ArrayList<>();
    Set<SegmentRef> taken = new HashSet<>();
    Iterator<AppendRequest> waiting = queue.iterator();
    while (waiting.hasNext() && batch.size() < maxBatch) {
      AppendRequest next = waiting.next();
      SegmentRef segment = next.segment();
      if (taken.contains(segment) || !busy.contains(segment)) {
        taken.add(segment);
        batch.add(next);
        waiting.remove();
      }
    }
    busy.addAll(taken);
    return batch;
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
        prepared[index] = connection.prepareStatement(appendOne[index]);
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
    // One line (the common append) goes as a plain bytea parameter, several as a bytea[] with
    // their count (see Tables#appendHeld).
    boolean single = request.lines.length == 1;
    Array lines = single ? null : connection.createArrayOf("bytea", request.lines);
    int p = 1;
    if (!single) {
      statement.setLong(p++, request.lines.length);
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
    if (lines == null) {
      statement.setBytes(p, request.lines[0]);
    } else {
      statement.setLong(p++, request.lines.length);
      statement.setArray(p, lines);
    }
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
