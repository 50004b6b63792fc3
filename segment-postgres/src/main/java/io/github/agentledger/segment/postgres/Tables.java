package io.github.agentledger.segment.postgres;

/**
 * The SQL of {@link PostgresSegmentStore}, for one schema; every statement names its tables
 * through here. The schema name is checked to be {@code [a-z_][a-z0-9_]*} before it gets here, so
 * no statement is built from unchecked text; every value is a bind parameter.
 */
final class Tables {
  /** Live lease: held and not expired, by the database's clock (the one all nodes share). */
  private static final String LIVE =
      "lease_holder IS NOT NULL AND lease_expires_at > clock_timestamp()";

  private final String schema;
  private final String s;

  Tables(String schema) {
    this.schema = schema;
    this.s = Migrations.quote(schema);
  }

  /** {@return the schema name} */
  String schema() {
    return schema;
  }

  /** {@return where rows live, for error messages} */
  String location() {
    return "postgres schema " + schema;
  }

  /** Inserts a session unless it exists: session_id, created_at. */
  String touchSession() {
    return "INSERT INTO " + s + ".sessions (session_id, created_at) VALUES (?, ?)"
        + " ON CONFLICT (session_id) DO NOTHING";
  }

  /** Stamps a segment's modification time: modified_at, session, segment. */
  String stampSegment() {
    return "UPDATE " + s + ".segments SET modified_at = ? WHERE session_id = ? AND segment_id = ?";
  }

  /**
   * Inserts a segment unless it exists: session, segment, entry_count, created_at, modified_at.
   */
  String insertSegment() {
    return "INSERT INTO " + s + ".segments"
        + " (session_id, segment_id, entry_count, created_at, modified_at)"
        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
  }

  /** Inserts lines from seq 1: session, segment, bytea[]. */
  String insertLines() {
    return "INSERT INTO " + s + ".entries (session_id, segment_id, seq, line)"
        + " SELECT ?, ?, t.i, t.line FROM unnest(?::bytea[]) WITH ORDINALITY AS t(line, i)";
  }

  /**
   * Compare-and-append by a lease holder, in one statement: with several lines their count, then
   * modified_at, lease ms, session, segment, holder, token, expected (or null) twice, with several
   * lines their count again, and last the line (bytea) or the lines (bytea[]). Returns the new
   * entry count, or no row when refused.
   */
  String appendHeld(boolean singleLine) {
    return append(singleLine, "lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'",
        "lease_holder = ? AND lease_token = ?");
  }

  /**
   * Compare-and-append without a lease, refused while a live writer holds the segment; it fences
   * any earlier holder (token bumped). Parameters as {@link #appendHeld} without the lease ones.
   */
  String appendUnheld(boolean singleLine) {
    return append(singleLine, "lease_token = lease_token + 1, lease_holder = NULL, lease_expires_at = NULL",
        "NOT (" + LIVE + ")");
  }

  /**
   * The append statement: the segment's row is updated (count, time, lease) only where the lease
   * and the expected count hold, and the lines are inserted after the count it had, from the
   * row the update returns, so a refused append inserts nothing. One line (the common append)
   * needs neither its count nor an array: its sequence number is the new count.
   */
  private String append(boolean singleLine, String leaseSet, String leaseWhere) {
    String insert = "INSERT INTO " + s + ".entries (session_id, segment_id, seq, line)";
    return "WITH seg AS (UPDATE " + s + ".segments"
        + " SET entry_count = entry_count + " + (singleLine ? "1" : "?::bigint")
        + ", modified_at = ?, " + leaseSet
        + " WHERE session_id = ? AND segment_id = ? AND " + leaseWhere
        + " AND (?::bigint IS NULL OR entry_count = ?::bigint)"
        + " RETURNING session_id, segment_id, entry_count),"
        + (singleLine
            ? " ins AS (" + insert + " SELECT session_id, segment_id, entry_count, ?::bytea"
                + " FROM seg)"
            : " ins AS (" + insert + " SELECT seg.session_id, seg.segment_id,"
                + " seg.entry_count - ?::bigint + t.i, t.line"
                + " FROM seg, unnest(?::bytea[]) WITH ORDINALITY AS t(line, i))")
        + " SELECT entry_count FROM seg";
  }

  /** A segment's count and lease, row-locked: session, segment. */
  String segmentState() {
    return "SELECT entry_count, lease_holder, lease_token,"
        + " lease_expires_at > clock_timestamp() FROM " + s + ".segments"
        + " WHERE session_id = ? AND segment_id = ? FOR UPDATE";
  }

  /** A segment's entry count: session, segment. */
  String entryCount() {
    return "SELECT entry_count FROM " + s + ".segments WHERE session_id = ? AND segment_id = ?";
  }

  /**
   * Takes a segment's lease if no live writer holds it: holder, lease ms, session, segment.
   * Returns the new token and the entry count, or no row.
   */
  String acquire() {
    return "UPDATE " + s + ".segments SET lease_holder = ?, lease_token = lease_token + 1,"
        + " lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'"
        + " WHERE session_id = ? AND segment_id = ? AND NOT (" + LIVE + ")"
        + " RETURNING lease_token, entry_count";
  }

  /** Extends a lease still held: lease ms, session, segment, holder, token. */
  String renew() {
    return "UPDATE " + s + ".segments"
        + " SET lease_expires_at = clock_timestamp() + ? * interval '1 millisecond'"
        + " WHERE session_id = ? AND segment_id = ? AND lease_holder = ? AND lease_token = ?";
  }

  /** Releases a lease still held: session, segment, holder, token. */
  String release() {
    return "UPDATE " + s + ".segments SET lease_holder = NULL, lease_expires_at = NULL"
        + " WHERE session_id = ? AND segment_id = ? AND lease_holder = ? AND lease_token = ?";
  }

  /** Sets a segment's count: count, session, segment. */
  String setCount() {
    return "UPDATE " + s + ".segments SET entry_count = ? WHERE session_id = ? AND segment_id = ?";
  }

  /** Deletes the entries after a count: session, segment, count. */
  String deleteAfter() {
    return "DELETE FROM " + s + ".entries WHERE session_id = ? AND segment_id = ? AND seq > ?";
  }

  /** The lines from a sequence number on, in order: session, segment, after seq. */
  String lines() {
    return "SELECT line FROM " + s + ".entries"
        + " WHERE session_id = ? AND segment_id = ? AND seq > ? ORDER BY seq";
  }

  /** One line: session, segment, seq. */
  String line() {
    return "SELECT line FROM " + s + ".entries"
        + " WHERE session_id = ? AND segment_id = ? AND seq = ?";
  }

  /** Appends trace lines after the last: session, segment, bytea[], session, segment. */
  String appendTrace() {
    return "INSERT INTO " + s + ".traces (session_id, segment_id, seq, line)"
        + " SELECT ?, ?, coalesce((SELECT max(seq) FROM " + s + ".traces"
        + " WHERE session_id = ? AND segment_id = ?), 0) + t.i, t.line"
        + " FROM unnest(?::bytea[]) WITH ORDINALITY AS t(line, i)";
  }

  /** The trace lines in order: session, segment. */
  String traceLines() {
    return "SELECT line FROM " + s + ".traces WHERE session_id = ? AND segment_id = ?"
        + " ORDER BY seq";
  }

  /** Sessions holding a segment, newest first (UUIDv7 order). */
  String listSessions() {
    return "SELECT session_id FROM " + s + ".sessions ss WHERE EXISTS (SELECT 1 FROM " + s
        + ".segments sg WHERE sg.session_id = ss.session_id) ORDER BY session_id DESC";
  }

  /** A session's segments, newest first: session. */
  String listSegments() {
    return "SELECT segment_id FROM " + s + ".segments WHERE session_id = ?"
        + " ORDER BY segment_id DESC";
  }

  /** A session's modification time (null if it holds no segment): session. */
  String lastModified() {
    return "SELECT max(modified_at) FROM " + s + ".segments WHERE session_id = ?";
  }

  /** Locks a session's segments and tells whether a live writer holds one: session. */
  String lockSession() {
    return "SELECT segment_id, " + LIVE + " FROM " + s + ".segments WHERE session_id = ?"
        + " ORDER BY segment_id FOR UPDATE";
  }

  /** Deletes a session and, by cascade, all it holds: session. */
  String deleteSession() {
    return "DELETE FROM " + s + ".sessions WHERE session_id = ?";
  }

  /**
   * Binds a key unless it is bound, only to a session holding a segment: key, session, created_at,
   * session. Inserts one row, or none when the key is bound or the session holds no segment.
   */
  String bindKey() {
    return "INSERT INTO " + s + ".conversation_keys (conversation_key, session_id, created_at)"
        + " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM " + s + ".segments WHERE session_id = ?)"
        + " ON CONFLICT (conversation_key) DO NOTHING";
  }

  /**
   * Moves a key's binding if it names the expected session and the new one holds a segment: new
   * session, key, expected session, new session. Updates one row or none.
   */
  String rebindKey() {
    return "UPDATE " + s + ".conversation_keys SET session_id = ?"
        + " WHERE conversation_key = ? AND session_id = ?"
        + " AND EXISTS (SELECT 1 FROM " + s + ".segments WHERE session_id = ?)";
  }

  /** Whether a session holds a segment: session. */
  String sessionHasSegment() {
    return "SELECT EXISTS (SELECT 1 FROM " + s + ".segments WHERE session_id = ?)";
  }

  /** The session a key is bound to: key. */
  String lookupKey() {
    return "SELECT session_id FROM " + s + ".conversation_keys WHERE conversation_key = ?";
  }

  /** Every binding (the caller orders them by the key's Java string order). */
  String listKeys() {
    return "SELECT conversation_key, session_id FROM " + s + ".conversation_keys";
  }

  /** Removes a key's binding: key. */
  String unbindKey() {
    return "DELETE FROM " + s + ".conversation_keys WHERE conversation_key = ?";
  }

  /** A session's attributes: session. */
  String attributes() {
    return "SELECT name, value FROM " + s + ".session_attributes WHERE session_id = ?";
  }

  /**
   * Sets attributes of a session holding a segment, replacing those of the same name: session,
   * names text[], values text[], session. Affects no row when the session holds no segment.
   */
  String putAttributes() {
    return "INSERT INTO " + s + ".session_attributes (session_id, name, value)"
        + " SELECT ?, t.name, t.value FROM unnest(?::text[], ?::text[]) AS t(name, value)"
        + " WHERE EXISTS (SELECT 1 FROM " + s + ".segments WHERE session_id = ?)"
        + " ON CONFLICT (session_id, name) DO UPDATE SET value = EXCLUDED.value";
  }

  /** Removes one attribute: session, name. */
  String removeAttribute() {
    return "DELETE FROM " + s + ".session_attributes WHERE session_id = ? AND name = ?";
  }

  /**
   * Compare-and-append of several requests, each on another segment, in one statement. The
   * requests come as parallel arrays: index int[], session text[], segment text[], holder text[]
   * (null: an append without a lease), token bigint[], expected bigint[] (null: any count), line
   * count int[]; their lines as index int[], ordinal bigint[], bytea[]; then modified_at and the
   * lease ms. The segments' rows are locked first, in (session, segment) order, so concurrent
   * batches never deadlock; each request then applies only where its own lease check and
   * expected count hold, as {@link #appendHeld} and {@link #appendUnheld} do. Returns one row per
   * request: its index, its new entry count (null when refused), and the segment's row as it was
   * locked (null columns when the segment does not exist) in {@link #segmentState()}'s columns
   * (entry count, holder, token, live lease), which tell why a refused request was refused
   * within the statement itself, so that a batch of one round needs no transaction.
   */
  String appendBatch() {
    return "WITH req AS (SELECT * FROM unnest(?::int[], ?::uuid[], ?::uuid[], ?::uuid[],"
        + " ?::bigint[], ?::bigint[], ?::int[])"
        + " AS r(i, session_id, segment_id, holder, token, expected, n)),"
        + " lines AS (SELECT * FROM unnest(?::int[], ?::bigint[], ?::bytea[]) AS l(i, ord, line)),"
        + " locked AS MATERIALIZED (SELECT sg.session_id, sg.segment_id, sg.entry_count,"
        + " sg.lease_holder, sg.lease_token, sg.lease_expires_at > clock_timestamp() AS live"
        + " FROM " + s + ".segments sg"
        + " JOIN req ON req.session_id = sg.session_id AND req.segment_id = sg.segment_id"
        + " ORDER BY sg.session_id, sg.segment_id FOR UPDATE OF sg),"
        + " seg AS (UPDATE " + s + ".segments sg SET entry_count = sg.entry_count + req.n,"
        + " modified_at = ?,"
        + " lease_expires_at = CASE WHEN req.holder IS NULL THEN NULL"
        + " ELSE clock_timestamp() + ? * interval '1 millisecond' END,"
        + " lease_token = CASE WHEN req.holder IS NULL THEN sg.lease_token + 1"
        + " ELSE sg.lease_token END,"
        + " lease_holder = CASE WHEN req.holder IS NULL THEN NULL ELSE sg.lease_holder END"
        + " FROM req, locked"
        + " WHERE locked.session_id = req.session_id AND locked.segment_id = req.segment_id"
        + " AND sg.session_id = req.session_id AND sg.segment_id = req.segment_id"
        + " AND CASE WHEN req.holder IS NULL THEN NOT (sg." + LIVE.replace(" AND ", " AND sg.")
        + ") ELSE sg.lease_holder = req.holder AND sg.lease_token = req.token END"
        + " AND (req.expected IS NULL OR sg.entry_count = req.expected)"
        + " RETURNING req.i, sg.session_id, sg.segment_id, sg.entry_count, req.n),"
        + " ins AS (INSERT INTO " + s + ".entries (session_id, segment_id, seq, line)"
        + " SELECT seg.session_id, seg.segment_id, seg.entry_count - seg.n + lines.ord, lines.line"
        + " FROM seg JOIN lines ON lines.i = seg.i)"
        + " SELECT req.i, seg.entry_count, locked.entry_count, locked.lease_holder,"
        + " locked.lease_token, locked.live FROM req"
        + " LEFT JOIN seg ON seg.i = req.i"
        + " LEFT JOIN locked ON locked.session_id = req.session_id"
        + " AND locked.segment_id = req.segment_id";
  }
}
