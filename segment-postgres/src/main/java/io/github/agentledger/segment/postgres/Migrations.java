package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.UnsupportedFormatVersionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema of {@link PostgresSegmentStore}: each migration is applied once, in order,
 * in one transaction with its row in {@code schema_version}; concurrent openers serialize on a
 * transaction-scoped advisory lock named after the schema. A database whose schema is newer than
 * this code is refused, never written to.
 */
final class Migrations {
  /** The schema version this code writes. */
  static final int CURRENT = 2;

  private Migrations() {}

  /** The DDL of each version, in order; {@code %s} is the quoted schema name. */
  private static final List<List<String>> STEPS = List.of(List.of(
      // Sessions: the unit of retention, what conversation keys and attributes hang on.
      "CREATE TABLE %s.sessions ("
          + " session_id uuid PRIMARY KEY,"
          + " created_at timestamptz NOT NULL)",
      // Segments, with their writer lease: holder and token fence every write of a writer.
      "CREATE TABLE %s.segments ("
          + " session_id uuid NOT NULL REFERENCES %1$s.sessions ON DELETE CASCADE,"
          + " segment_id uuid NOT NULL,"
          + " entry_count bigint NOT NULL CHECK (entry_count >= 1),"
          + " created_at timestamptz NOT NULL,"
          + " modified_at timestamptz NOT NULL,"
          + " lease_holder uuid,"
          + " lease_token bigint NOT NULL DEFAULT 0,"
          + " lease_expires_at timestamptz,"
          + " PRIMARY KEY (session_id, segment_id))",
      // Entries keyed by (segment, sequence): line is the entry's JSONL line, without newline.
      "CREATE TABLE %s.entries ("
          + " session_id uuid NOT NULL,"
          + " segment_id uuid NOT NULL,"
          + " seq bigint NOT NULL,"
          + " line bytea NOT NULL,"
          + " PRIMARY KEY (session_id, segment_id, seq),"
          + " FOREIGN KEY (session_id, segment_id) REFERENCES %1$s.segments ON DELETE CASCADE)",
      "CREATE TABLE %s.traces ("
          + " session_id uuid NOT NULL,"
          + " segment_id uuid NOT NULL,"
          + " seq bigint NOT NULL,"
          + " line bytea NOT NULL,"
          + " PRIMARY KEY (session_id, segment_id, seq),"
          + " FOREIGN KEY (session_id, segment_id) REFERENCES %1$s.segments ON DELETE CASCADE)",
      // Conversation keys (an external key names one session) and session attributes: the
      // tables of segment log part 3, ready for its API methods.
      "CREATE TABLE %s.conversation_keys ("
          + " conversation_key text PRIMARY KEY,"
          + " session_id uuid NOT NULL REFERENCES %1$s.sessions ON DELETE CASCADE,"
          + " created_at timestamptz NOT NULL)",
      "CREATE INDEX conversation_keys_session ON %s.conversation_keys (session_id)",
      "CREATE TABLE %s.session_attributes ("
          + " session_id uuid NOT NULL REFERENCES %1$s.sessions ON DELETE CASCADE,"
          + " name text NOT NULL,"
          + " value jsonb NOT NULL,"
          + " PRIMARY KEY (session_id, name))"),
      // Version 2: an attribute's value is kept as the exact JSON text it was given (jsonb would
      // reorder keys, drop whitespace and decode escapes, so a read would differ from the write).
      List.of("ALTER TABLE %s.session_attributes ALTER COLUMN value TYPE text USING value::text"));

  /**
   * Brings the schema up to {@link #CURRENT}.
   *
   * @return the version found before (0 for a new schema)
   * @throws UnsupportedFormatVersionException if the schema is newer than this code
   */
  static int migrate(Connection connection, String schema) throws SQLException {
    return migrate(connection, schema, STEPS.size());
  }

  /** Migrates up to {@code target} only (tests build older schemas with it). */
  static int migrate(Connection connection, String schema, int target) throws SQLException {
    String quoted = quote(schema);
    connection.setAutoCommit(false);
    try {
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        lock.setString(1, "agentledger-migrate:" + schema);
        lock.execute();
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
        statement.execute("CREATE TABLE IF NOT EXISTS " + quoted + ".schema_version ("
            + " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
      }
      int found;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT coalesce(max(version), 0) FROM " + quoted + ".schema_version")) {
        rows.next();
        found = rows.getInt(1);
      }
      if (found > STEPS.size()) {
        throw new UnsupportedFormatVersionException(
            found + " (schema " + schema + " of a newer agentledger)",
            List.of(STEPS.size()));
      }
      for (int version = found + 1; version <= target; version++) {
        try (Statement statement = connection.createStatement()) {
          for (String ddl : STEPS.get(version - 1)) {
            statement.execute(String.format(ddl, quoted));
          }
          statement.execute(
              "INSERT INTO " + quoted + ".schema_version (version) VALUES (" + version + ")");
        }
      }
      connection.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** Quotes a schema name already checked to be {@code [a-z_][a-z0-9_]*}. */
  static String quote(String schema) {
    return "\"" + schema + "\"";
  }
}
