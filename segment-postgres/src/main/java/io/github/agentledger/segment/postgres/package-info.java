/**
 * Segment logs stored in PostgreSQL through JDBC, for agents that run on many machines.
 *
 * <p>The entry point is {@link io.github.agentledger.segment.postgres.PostgresSegmentStore}, an
 * implementation of {@link io.github.agentledger.segment.SegmentStore}; {@link
 * io.github.agentledger.segment.postgres.SegmentMigration} copies sessions between any two stores.
 * Everything else in this package is package-private.
 */
@NullMarked
package io.github.agentledger.segment.postgres;

import org.jspecify.annotations.NullMarked;
