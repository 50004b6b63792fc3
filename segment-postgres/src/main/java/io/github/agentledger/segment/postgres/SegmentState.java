package io.github.agentledger.segment.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** A segment row as {@link Tables#segmentState()} reads it. */
record SegmentState(long entryCount, Optional<UUID> holder, long token, boolean liveLease) {
  /** Reads the current row of a {@link Tables#segmentState()} result. */
  static SegmentState of(ResultSet rows) throws SQLException {
    UUID holder = rows.getObject(2, UUID.class);
    return new SegmentState(rows.getLong(1), Optional.ofNullable(holder), rows.getLong(3),
        holder != null && rows.getBoolean(4));
  }

  /** {@return whether {@code lease} is still this segment's lease} */
  boolean heldBy(Lease lease) {
    return holder.isPresent() && holder.get().equals(lease.holder()) && token == lease.token();
  }
}
