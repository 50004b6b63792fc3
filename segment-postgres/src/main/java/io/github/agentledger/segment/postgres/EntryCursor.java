package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.InvalidSegmentStructureException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.jsonl.JsonlLineCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A segment's entries read through a server-side cursor: the read runs in one read-only
 * repeatable-read transaction (so it sees the segment as of its start), fetching {@code fetchSize}
 * lines at a time, so memory is bounded by that many lines whatever the segment's size. Each line
 * is decoded and checked as the JSONL store checks its lines (a segment_start of the session
 * first, never a second one). Not thread-safe; must be closed, which returns the connection.
 */
final class EntryCursor implements Iterator<LogEntry>, AutoCloseable {
  private final ConnectionPool pool;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final SessionId session;
  private final SegmentId segment;
  private final String location;
  private final long totalCount;
  private long seq;
  private long byteOffset;
  private @Nullable LogEntry next;
  private boolean done;
  private boolean healthy = true;
  private boolean closed;

  private EntryCursor(ConnectionPool pool, Connection connection, PreparedStatement statement,
      ResultSet rows, SessionId session, SegmentId segment, String location, long after,
      long totalCount) {
    this.pool = pool;
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.session = session;
    this.segment = segment;
    this.location = location;
    this.seq = after;
    this.totalCount = totalCount;
  }

  /**
   * Opens a cursor on the entries after the first {@code after}.
   *
   * @throws SegmentNotFoundException if the segment does not exist
   */
  static EntryCursor open(ConnectionPool pool, Tables tables, SessionId session,
      SegmentId segment, long after, int fetchSize) throws SQLException {
    Connection connection = pool.borrow();
    PreparedStatement statement = null;
    try {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      long count;
      try (PreparedStatement countQuery = connection.prepareStatement(tables.entryCount())) {
        countQuery.setObject(1, session.value());
        countQuery.setObject(2, segment.value());
        try (ResultSet result = countQuery.executeQuery()) {
          if (!result.next()) {
            throw new SegmentNotFoundException(session, segment);
          }
          count = result.getLong(1);
        }
      }
      statement = connection.prepareStatement(tables.lines());
      statement.setFetchSize(fetchSize);
      statement.setObject(1, session.value());
      statement.setObject(2, segment.value());
      statement.setLong(3, after);
      ResultSet rows = statement.executeQuery();
      return new EntryCursor(pool, connection, statement, rows, session, segment,
          tables.location() + " segment " + segment + " of session " + session, after, count);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        statement.close();
      }
      restore(connection);
      pool.release(connection, e instanceof SegmentNotFoundException);
      throw e;
    }
  }

  /** {@return the entry count of the segment as of this read} */
  long totalCount() {
    return totalCount;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (done) {
      return false;
    }
    byte[] line;
    try {
      if (!rows.next()) {
        done = true;
        if (seq == 0) {
          throw new InvalidSegmentStructureException(1, location
              + " holds no committed entry; a segment starts with its segment_start");
        }
        return false;
      }
      line = rows.getBytes(1);
    } catch (SQLException e) {
      healthy = false;
      throw SqlErrors.io("reading", location, e);
    }
    seq++;
    long offset = byteOffset;
    byteOffset += line.length + 1;
    next = JsonlLineCodec.decode(line, location, seq, offset);
    checkShape(next, offset);
    return true;
  }

  private void checkShape(LogEntry entry, long offset) {
    String place = location + ": line " + seq + " (byte " + offset + ") ";
    if (seq == 1) {
      if (!(entry instanceof LogEntry.SegmentStart start)) {
        throw new InvalidSegmentStructureException(seq,
            place + "is " + entry.kind() + ", but a segment's first entry is its segment_start");
      }
      if (!start.sessionId().equals(session)) {
        throw new InvalidSegmentStructureException(seq, place
            + "is a segment_start of session " + start.sessionId() + ", not of " + session);
      }
    } else if (entry instanceof LogEntry.SegmentStart) {
      throw new InvalidSegmentStructureException(seq,
          place + "is a second segment_start; a segment has exactly one, as its first entry");
    }
  }

  @Override
  public LogEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    LogEntry entry = Objects.requireNonNull(next, "hasNext() decoded the next entry");
    next = null;
    return entry;
  }

  /** Ends the read transaction and gives the connection back. Closing twice does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      rows.close();
      statement.close();
    } catch (SQLException e) {
      healthy = false;
    }
    healthy &= restore(connection);
    pool.release(connection, healthy);
  }

  /** Ends the transaction and resets the session's settings; false if that failed. */
  private static boolean restore(Connection connection) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
      connection.setReadOnly(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
