package io.github.agentledger.checkpoint.jgit;

import java.io.File;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.internal.storage.file.LockFile;

/**
 * A child JVM for {@link StaleRefLockTest}: takes JGit's own lock on a file (a ref or
 * {@code packed-refs}), writes the new content into it, prints {@code locked} and waits to be
 * killed, as a writer killed between locking and committing would leave it.
 */
final class RefLockHolderProcess {
  private RefLockHolderProcess() {}

  public static void main(String[] args) throws Exception {
    LockFile lock = new LockFile(new File(args[0]));
    if (!lock.lock()) {
      System.out.println("busy");
      return;
    }
    lock.write("0123456789012345678901234567890123456789\n".getBytes(StandardCharsets.US_ASCII));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
