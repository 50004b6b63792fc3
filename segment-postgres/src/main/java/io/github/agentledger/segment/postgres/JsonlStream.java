package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentNotFoundException;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A segment's stored lines as JSONL bytes, each followed by {@code \n}, read through a
 * server-side cursor in one read-only repeatable-read transaction (the segment as of the open),
 * {@code fetchSize} lines at a time, so memory is bounded by that many lines. The lines are given
 * exactly as stored, never decoded. Not thread-safe; must be closed, which returns the connection.
 */
final class JsonlStream extends InputStream {
  private static final byte[] EMPTY = new byte[0];

  private final ConnectionPool pool;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final String location;
  private byte[] line = EMPTY;
  private int position;
  private boolean newlinePending;
  private boolean done;
  private boolean healthy = true;
  private boolean closed;

  private JsonlStream(ConnectionPool pool, Connection connection, PreparedStatement statement,
      ResultSet rows, String location) {
    this.pool = pool;
    this.connection = connection;
    this.statement = statement;
    this.rows = rows;
    this.location = location;
  }

  /**
   * Opens the stream on a segment's lines.
   *
   * @throws SegmentNotFoundException if the segment does not exist
   */
  static JsonlStream open(ConnectionPool pool, Tables tables, SessionId session,
      SegmentId segment, int fetchSize) throws SQLException {
    Connection connection = pool.borrow();
    PreparedStatement statement = null;
    try {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try (PreparedStatement count = connection.prepareStatement(tables.entryCount())) {
        count.setObject(1, session.value());
        count.setObject(2, segment.value());
        try (ResultSet result = count.executeQuery()) {
          if (!result.next()) {
            throw new SegmentNotFoundException(session, segment);
          }
        }
      }
      statement = connection.prepareStatement(tables.lines());
      statement.setFetchSize(fetchSize);
      statement.setObject(1, session.value());
      statement.setObject(2, segment.value());
      statement.setLong(3, 0);
      ResultSet rows = statement.executeQuery();
      return new JsonlStream(pool, connection, statement, rows,
          tables.location() + " segment " + segment + " of session " + session);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        statement.close();
      }
      boolean reset = reset(connection);
      pool.release(connection, reset && e instanceof SegmentNotFoundException);
      throw e;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    if (closed) {
      throw new IOException("the JSONL stream of " + location + " is closed");
    }
    if (length == 0) {
      return 0;
    }
    int written = 0;
    while (written < length) {
      if (position < line.length) {
        int n = Math.min(length - written, line.length - position);
        System.arraycopy(line, position, buffer, offset + written, n);
        position += n;
        written += n;
      } else if (newlinePending) {
        buffer[offset + written++] = '\n';
        newlinePending = false;
      } else if (!nextLine()) {
        break;
      }
    }
    return written == 0 ? -1 : written;
  }

  private boolean nextLine() throws IOException {
    if (done) {
      return false;
    }
    try {
      if (!rows.next()) {
        done = true;
        return false;
      }
      line = rows.getBytes(1);
    } catch (SQLException e) {
      healthy = false;
      throw new IOException("reading " + location + ": " + e.getMessage(), e);
    }
    position = 0;
    newlinePending = true;
    return true;
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
    healthy &= reset(connection);
    pool.release(connection, healthy);
  }

  private static boolean reset(Connection connection) {
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
