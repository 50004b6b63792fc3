package io.github.agentledger.segment.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs work in one transaction on a pooled connection: commits it, or rolls it back when the work
 * throws (an API refusal or a SQL failure), so a rejected operation changes nothing. SQL failures
 * become {@link io.github.agentledger.segment.SegmentIoException}; a connection that failed is
 * not reused. Thread-safe.
 */
final class Transactions {
  private final ConnectionPool pool;

  Transactions(ConnectionPool pool) {
    this.pool = pool;
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work inside a transaction that returns nothing. */
  @FunctionalInterface
  interface Action {
    void run(Connection connection) throws SQLException;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads a query's result. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /**
   * {@return what the work returned, once committed}
   *
   * @param operation what is done, for the error message
   * @param location where, for the error message
   */
  <T> T run(String operation, String location, Work<T> work) {
    Connection connection;
    try {
      connection = pool.borrow();
    } catch (SQLException e) {
      throw SqlErrors.io(operation, location, e);
    }
    boolean healthy = false;
    try {
      connection.setAutoCommit(false);
      T result = work.run(connection);
      connection.commit();
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw SqlErrors.io(operation, location, e);
    } catch (RuntimeException e) {
      healthy = true;
      throw e;
    } finally {
      pool.release(connection, healthy);
    }
  }

  /**
   * Runs {@code action} in a transaction and commits it, as {@link #run} does.
   *
   * @param operation what is done, for the error message
   * @param location where, for the error message
   */
  void execute(String operation, String location, Action action) {
    run(operation, location, connection -> {
      action.run(connection);
      return Boolean.TRUE;
    });
  }

  /** {@return the result of one query, read in its own transaction} */
  <T> T query(String operation, String location, String sql, Binder binder, Reader<T> reader) {
    return run(operation, location, connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        binder.bind(statement);
        try (ResultSet rows = statement.executeQuery()) {
          return reader.read(rows);
        }
      }
    });
  }
}
