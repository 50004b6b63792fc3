package io.github.agentledger.cli;

import io.github.agentledger.segment.jsonl.Durability;
import io.github.agentledger.segment.jsonl.JsonlSegmentStore;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --root}: the segment store's directory; it must exist (the command creates nothing). */
final class SegmentOptions {
  @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
      description = "The segment store's directory (<root>/<session>/<segment>.jsonl)."
          + " Default: the current directory.")
  Path root;

  JsonlSegmentStore open() throws FileNotFoundException {
    if (!Files.isDirectory(root)) {
      throw new FileNotFoundException(root + " is not a directory");
    }
    // Reading only: no append goes through this store, so durability plays no part.
    return JsonlSegmentStore.open(root, Durability.NONE);
  }
}
