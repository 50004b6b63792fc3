/**
 * Runnable examples of agentledger, each also a test.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.Main}, the command line of the examples
 * jar ({@code java -jar agentledger-examples.jar <command>}), which dispatches to one package per
 * scenario: {@link io.github.agentledger.examples.quickstart.Quickstart} (a conversation, a commit
 * with its trailer, the checkpoint, read back), {@link
 * io.github.agentledger.examples.crashrecovery.CrashRecovery} (a torn tail repaired on reopen),
 * {@link io.github.agentledger.examples.rotation.Rotation} (v2 generations), {@link
 * io.github.agentledger.examples.fork.ForkConversation} (forking a conversation at a turn), {@link
 * io.github.agentledger.examples.sync.TeamSync} (push and fetch through a remote) and
 * {@link io.github.agentledger.examples.inspect.Inspect} (the inspection command).
 */
@NullMarked
package io.github.agentledger.examples;

import org.jspecify.annotations.NullMarked;
