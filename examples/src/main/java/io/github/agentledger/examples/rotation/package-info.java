/**
 * Generation rotation of the v2 layout: a small {@code maxCheckpointsPerGeneration} makes
 * {@code /full/current} archive itself as numbered generations, which are listed and read back.
 *
 * <p>Entry point: {@link io.github.agentledger.examples.rotation.Rotation#run}; on the command
 * line, {@code java -jar agentledger-examples.jar rotation}.
 */
@NullMarked
package io.github.agentledger.examples.rotation;

import org.jspecify.annotations.NullMarked;
