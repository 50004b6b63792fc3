/**
 * The {@code agentledger} command. The entry point is {@link io.github.agentledger.cli.Main},
 * which runs the root command {@code AgentLedger}; each command group ({@code checkpoints},
 * {@code segments}, {@code sync}) is one class, built only when it runs. The exit statuses and
 * the JSON shapes are documented in {@code docs/cli.md}.
 */
@NullMarked
package io.github.agentledger.cli;

import org.jspecify.annotations.NullMarked;
