/**
 * Crash recovery of a segment log: a torn tail left by a crash is never read and is cut off when a
 * writer reopens the segment; a complete line that does not parse is reported, never skipped.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.crashrecovery.CrashRecovery#run}; on the
 * command line, {@code java -jar agentledger-examples.jar crash-recovery}.
 */
@NullMarked
package io.github.agentledger.examples.crashrecovery;

import org.jspecify.annotations.NullMarked;
