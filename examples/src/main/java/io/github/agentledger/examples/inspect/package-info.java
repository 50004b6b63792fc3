/**
 * The inspection command: lists and shows the checkpoints of any git repository (v1 and v2
 * layouts, written by the Entire CLI or by this library), lists v2 generations, and prints the
 * restored state of a segment log. Read-only.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.inspect.Inspect#run}; on the command line,
 * {@code java -jar agentledger-examples.jar inspect <repo> [list | show <id> | generations]} or
 * {@code inspect segment <file.jsonl>}.
 */
@NullMarked
package io.github.agentledger.examples.inspect;

import org.jspecify.annotations.NullMarked;
