package io.github.agentledger.segment.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;

/**
 * Keeps a few idle connections of a {@link DataSource} for reuse, so that a store over a plain,
 * non-pooling data source does not connect for every call. A connection that failed is closed,
 * never reused. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
  private final DataSource source;
  private final int maxIdle;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(DataSource source, int maxIdle) {
    this.source = source;
    this.maxIdle = maxIdle;
  }

  /** {@return an open connection in auto-commit mode} */
  Connection borrow() throws SQLException {
    Connection connection;
    synchronized (this) {
      if (closed) {
        throw new SQLException("the store is closed", "08003");
      }
      connection = idle.pollFirst();
    }
    if (connection == null) {
      connection = source.getConnection();
    }
    if (!connection.getAutoCommit()) {
      connection.setAutoCommit(true);
    }
    return connection;
  }

  /**
   * Gives a connection back.
   *
   * @param healthy {@code false} after a failure: the connection is closed, not kept
   */
  void release(Connection connection, boolean healthy) {
    boolean keep = false;
    if (healthy) {
      try {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        synchronized (this) {
          if (!closed && idle.size() < maxIdle) {
            idle.addFirst(connection);
            keep = true;
          }
        }
      } catch (SQLException e) {
        keep = false;
      }
    }
    if (!keep) {
      closeQuietly(connection);
    }
  }

  /** Closes the idle connections; connections still borrowed are closed when released. */
  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(ConnectionPool::closeQuietly);
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // a broken connection cannot be closed cleanly; the server ends it on its side
    }
  }
}
