/**
 * The git-refs layout: one ref per checkpoint, ULID ids, beside a v1 checkpoint that still reads.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.gitrefs.GitRefsLayout#run}; on the
 * command line, {@code java -jar agentledger-examples.jar git-refs}.
 */
@NullMarked
package io.github.agentledger.examples.gitrefs;

import org.jspecify.annotations.NullMarked;
