package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentIoException;
import java.io.IOException;
import java.sql.SQLException;

/** Translates JDBC failures into the API's {@link SegmentIoException}, in this one place. */
final class SqlErrors {
  private SqlErrors() {}

  /**
   * {@return the error for a failed operation}
   *
   * @param operation what was being done, e.g. {@code "appending"}
   * @param location the table or segment, e.g. {@code "postgres agentledger segment …"}
   * @param e the driver's error; its SQL state is kept in the message
   */
  static SegmentIoException io(String operation, String location, SQLException e) {
    return new SegmentIoException(operation, location,
        new IOException("SQL state " + e.getSQLState() + ": " + e.getMessage(), e));
  }
}
