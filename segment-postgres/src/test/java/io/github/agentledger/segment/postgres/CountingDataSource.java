package io.github.agentledger.segment.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source over a real one that records what its connections send: every statement executed
 * (its SQL, and whether the connection was in auto-commit then, meaning the statement committed by
 * itself) and every explicit transaction control call ({@code setAutoCommit(false)}, {@code
 * commit}, {@code rollback}). The calls go through to the real driver unchanged; this only writes
 * them down, so tests can count what an operation costs in statements and commits. Thread-safe.
 */
final class CountingDataSource implements DataSource {
  /** One call that reached the server: a statement, or a transaction control. */
  record Call(String what, boolean autoCommit) {}

  private final DataSource target;
  private final List<Call> calls = new ArrayList<>();

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  /** {@return the calls so far, in order} */
  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Forgets the calls so far. */
  synchronized void reset() {
    calls.clear();
  }

  private synchronized void record(String what, boolean autoCommit) {
    calls.add(new Call(what, autoCommit));
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    return wrap(target.getConnection(user, password));
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("setAutoCommit") && !((Boolean) args[0]) && connection.getAutoCommit()) {
        record("BEGIN", false);
      } else if ((name.equals("commit") || name.equals("rollback"))
          && !connection.getAutoCommit()) {
        record(name.toUpperCase(java.util.Locale.ROOT), false);
      }
      Object result = invoke(connection, method, args);
      if (result instanceof PreparedStatement statement && args != null
          && args.length > 0 && args[0] instanceof String sql) {
        return wrap(statement, PreparedStatement.class, connection, sql);
      }
      if (result instanceof Statement statement && !(result instanceof CallableStatement)) {
        return wrap(statement, Statement.class, connection, "");
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
  }

  private <T extends Statement> T wrap(T statement, Class<T> type, Connection connection,
      String preparedSql) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text
            ? text
            : preparedSql;
        record(sql, connection.getAutoCommit());
      }
      return invoke(statement, method, args);
    };
    return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
        handler));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return target.isWrapperFor(type);
  }
}
