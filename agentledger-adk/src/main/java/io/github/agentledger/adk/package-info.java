/**
 * agentledger as Google ADK's session store: {@link
 * io.github.agentledger.adk.SegmentSessionService} is a {@code BaseSessionService} that appends
 * each event of a session to a segment log, keeps app- and user-scoped state as attributes of
 * dedicated sessions, and reads sessions back after a restart.
 */
@NullMarked
package io.github.agentledger.adk;

import org.jspecify.annotations.NullMarked;
