package io.github.agentledger.segment.jsonl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the channels a writer writes through. The default opens a real {@link FileChannel};
 * tests wrap that real channel to fail at a chosen write or force, or to count forces.
 */
@FunctionalInterface
interface ChannelOpener {
  /** The real thing. */
  ChannelOpener DEFAULT = FileChannel::open;

  /** Opens {@code file} with {@code options}. */
  FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException;
}
