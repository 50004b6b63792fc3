package io.github.agentledger.checkpoint.jgit;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setting of every sync test: a bare repository reached over {@code file://} and two
 * on-disk clones of nothing yet, {@code a} and {@code b}, all in a fresh temporary directory and
 * closed after each test.
 */
public abstract class TwoClonesAndARemote {
  @TempDir
  public Path dir;
  public Repository remote;
  public Repository a;
  public Repository b;
  /** The remote's {@code file://} URL. */
  public String url;

  @BeforeEach
  public void openRemoteAndClones() {
    remote = SyncFixture.bare(dir.resolve("remote.git"));
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
    url = SyncFixture.fileUrl(dir.resolve("remote.git"));
  }

  @AfterEach
  public void closeRemoteAndClones() {
    remote.close();
    a.close();
    b.close();
  }
}
