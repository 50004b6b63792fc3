/**
 * A modular application over agentledger: {@link
 * io.github.agentledger.examples.modular.ModularApp} writes and reads a checkpoint and a segment
 * log with the library jars on the module path.
 */
@NullMarked
package io.github.agentledger.examples.modular;

import org.jspecify.annotations.NullMarked;
