package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads what a ref holds, for assertions. */
public final class RefTrees {
  private RefTrees() {}

  public static ObjectId tipId(Repository repository, String ref) {
    try {
      Ref found = repository.exactRef(ref);
      return found == null ? null : found.getObjectId();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RevCommit tip(Repository repository, String ref) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(tipId(repository, ref));
      walk.parseBody(commit);
      return commit;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file of the ref's tree, path to UTF-8 content, in tree order. */
  public static Map<String, String> files(Repository repository, String ref) {
    try (ObjectReader reader = repository.newObjectReader()) {
      Map<String, String> files = new LinkedHashMap<>();
      for (Map.Entry<String, TreeFiles.FileEntry> entry :
          TreeFiles.flatten(reader, tip(repository, ref).getTree()).entrySet()) {
        files.put(entry.getKey(), new String(Blobs.read(reader, entry.getValue().id()),
            StandardCharsets.UTF_8));
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String golden(String name) {
    try (var in = RefTrees.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
