/**
 * Runnable examples of agentledger; {@link io.github.agentledger.examples.Main} is the command
 * line of the examples jar.
 */
package io.github.agentledger.examples;
