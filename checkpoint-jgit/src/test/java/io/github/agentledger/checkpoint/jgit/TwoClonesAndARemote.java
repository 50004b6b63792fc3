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
abstract class TwoClonesAndARemote {
  @TempDir
  Path dir;
  Repository remote;
  Repository a;
  Repository b;
  /** The remote's {@code file://} URL. */
  String url;

  @BeforeEach
  void openRemoteAndClones() {
    remote = SyncFixture.bare(dir.resolve("remote.git"));
    a = TestRepos.onDisk(dir.resolve("a"));
    b = TestRepos.onDisk(dir.resolve("b"));
    url = SyncFixture.fileUrl(dir.resolve("remote.git"));
  }

  @AfterEach
  void closeRemoteAndClones() {
    remote.close();
    a.close();
    b.close();
  }
}
