package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SessionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The writer leases of one store instance: taken on a segment's row, renewed in the background
 * every third of their duration while their writers are open, released when they close. Expiry
 * is judged by the database's clock. Thread-safe.
 */
final class Leases implements AutoCloseable {
  private final Tables tables;
  private final Transactions transactions;
  private final UUID holder;
  private final long leaseMillis;
  private final Set<Lease> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService renewer;

  Leases(Tables tables, Transactions transactions, UUID holder, long leaseMillis) {
    this.tables = tables;
    this.transactions = transactions;
    this.holder = holder;
    this.leaseMillis = leaseMillis;
    this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "agentledger-lease-renewer-" + tables.schema());
      thread.setDaemon(true);
      return thread;
    });
    long period = Math.max(1, leaseMillis / 3);
    renewer.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
  }

  /** {@return the lease duration in milliseconds} */
  long millis() {
    return leaseMillis;
  }

  /** A lease just taken, and the segment's entry count at that moment. */
  record Acquired(Lease lease, long entryCount) {}

  /**
   * Takes a segment's lease, in the caller's transaction, if no live lease is there.
   *
   * @return the lease, or empty if the segment is missing or held
   */
  Optional<Acquired> acquire(Connection connection, SessionId sessionId, SegmentId segmentId)
      throws SQLException {
    try (PreparedStatement acquire = connection.prepareStatement(tables.acquire())) {
      acquire.setObject(1, holder);
      acquire.setLong(2, leaseMillis);
      acquire.setObject(3, sessionId.value());
      acquire.setObject(4, segmentId.value());
      try (ResultSet rows = acquire.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Lease lease = new Lease(sessionId, segmentId, holder, rows.getLong(1));
        open.add(lease);
        return Optional.of(new Acquired(lease, rows.getLong(2)));
      }
    }
  }

  /**
   * Releases a lease, if it is still its own. Best effort: if the database cannot be reached (or
   * the store is closed), the lease is no longer renewed and expires by itself.
   */
  void release(Lease lease, String location) {
    open.remove(lease);
    try {
      transactions.execute("closing a writer", location, connection -> {
        try (PreparedStatement release = connection.prepareStatement(tables.release())) {
          release.setObject(1, lease.sessionId().value());
          release.setObject(2, lease.segmentId().value());
          release.setObject(3, lease.holder());
          release.setLong(4, lease.token());
          release.executeUpdate();
        }
      });
    } catch (SegmentIoException e) {
      // Not renewed any more: the lease expires after its duration.
    }
  }

  private void renewAll() {
    for (Lease lease : open) {
      try {
        transactions.execute("renewing a lease", tables.location(), connection -> {
          try (PreparedStatement renew = connection.prepareStatement(tables.renew())) {
            renew.setLong(1, leaseMillis);
            renew.setObject(2, lease.sessionId().value());
            renew.setObject(3, lease.segmentId().value());
            renew.setObject(4, lease.holder());
            renew.setLong(5, lease.token());
            if (renew.executeUpdate() == 0) {
              // Taken over: the writer's next write is refused by its token.
              open.remove(lease);
            }
          }
        });
      } catch (RuntimeException e) {
        // The database is unreachable: retried at the next period; if it stays away, the lease
        // expires and the writer's next write is refused.
      }
    }
  }

  /** Stops renewing; the open writers' leases expire unless they are released first. */
  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
