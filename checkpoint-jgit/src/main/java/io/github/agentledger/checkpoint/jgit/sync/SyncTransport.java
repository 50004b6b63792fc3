package io.github.agentledger.checkpoint.jgit.sync;

import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Talks to one remote through JGit's transports: lists its checkpoint refs, fetches refspecs,
 * pushes ref updates. Every call opens and closes its own connection; any transport failure becomes
 * a {@link CheckpointSyncException} naming the remote and the operation. Immutable, thread-safe.
 */
final class SyncTransport {
  private final Repository repository;
  private final String remote;
  private final Optional<CredentialsProvider> credentials;
  private final Duration timeout;

  SyncTransport(Repository repository, String remote, Optional<CredentialsProvider> credentials,
      Duration timeout) {
    this.repository = repository;
    this.remote = remote;
    this.credentials = credentials;
    this.timeout = timeout;
  }

  String remote() {
    return remote;
  }

  /** {@return the remote's checkpoint refs (v1 branch and everything under refs/entire/)} */
  Map<String, ObjectId> listCheckpointRefs() {
    Map<String, ObjectId> refs = new TreeMap<>();
    try (Transport transport = open("list refs");
        FetchConnection connection = transport.openFetch()) {
      for (Ref ref : connection.getRefs()) {
        String name = ref.getName();
        if ((name.equals(RefNames.V1_BRANCH) || name.startsWith("refs/entire/checkpoints/"))
            && ref.getObjectId() != null) {
          refs.put(name, ref.getObjectId().copy());
        }
      }
    } catch (NotSupportedException | TransportException e) {
      throw failure("list refs", e);
    }
    return refs;
  }

  /** Fetches each remote ref into the local ref named next to it (forced, no tags). */
  void fetch(Map<String, String> remoteToLocal) {
    if (remoteToLocal.isEmpty()) {
      return;
    }
    List<RefSpec> specs = new ArrayList<>();
    remoteToLocal.forEach((from, to) -> specs.add(new RefSpec("+" + from + ":" + to)));
    try (Transport transport = open("fetch " + remoteToLocal.keySet())) {
      transport.setTagOpt(TagOpt.NO_TAGS);
      transport.setRemoveDeletedRefs(false);
      transport.fetch(NullProgressMonitor.INSTANCE, specs);
    } catch (NotSupportedException | TransportException e) {
      throw failure("fetch " + remoteToLocal.keySet(), e);
    }
  }

  /**
   * Fetches objects by id and copies them into the local object database. The fetch goes
   * through an empty in-memory repository, so that it advertises nothing it "has": a partial
   * clone has the commits and trees that name a missing blob, and a negotiation from the real
   * repository would tell the remote not to send it. The remote must allow wanting an object
   * that no ref names directly (git's {@code uploadpack.allowAnySHA1InWant}; hosts that serve
   * partial clones do).
   *
   * @return the ids now present locally
   */
  List<ObjectId> fetchObjects(Collection<ObjectId> ids) throws IOException {
    List<ObjectId> fetched = new ArrayList<>();
    if (ids.isEmpty()) {
      return fetched;
    }
    String operation = "fetch objects " + ids.stream().map(ObjectId::name).toList();
    URIish uri = uri(operation);
    try (Repository scratch = new InMemoryRepository.Builder()
            .setRepositoryDescription(new DfsRepositoryDescription("objects"))
            .setFS(FS.DETECTED).build();
        Transport transport = Transport.open(scratch, uri)) {
      credentials.ifPresent(transport::setCredentialsProvider);
      transport.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
      transport.setTagOpt(TagOpt.NO_TAGS);
      List<RefSpec> specs = new ArrayList<>();
      ids.forEach(id -> specs.add(new RefSpec(id.name())));
      transport.fetch(NullProgressMonitor.INSTANCE, specs);
      try (ObjectReader from = scratch.newObjectReader();
          ObjectInserter into = repository.newObjectInserter()) {
        for (ObjectId id : ids) {
          if (from.has(id)) {
            ObjectLoader loader = from.open(id);
            try (InputStream in = loader.openStream()) {
              into.insert(loader.getType(), loader.getSize(), in);
            }
            fetched.add(id.copy());
          }
        }
        into.flush();
      }
    } catch (NotSupportedException | TransportException e) {
      throw failure(operation, e);
    }
    return fetched;
  }

  /** The remote's URL: a configured remote's first URL, else the remote text itself. */
  private URIish uri(String operation) {
    try {
      RemoteConfig config = new RemoteConfig(repository.getConfig(), remote);
      if (!config.getURIs().isEmpty()) {
        return config.getURIs().get(0);
      }
      return new URIish(remote);
    } catch (URISyntaxException e) {
      throw failure(operation, e);
    }
  }

  /** Pushes ref updates; {@return the updates with their statuses, by remote ref name} */
  Map<String, RemoteRefUpdate> push(Collection<RemoteRefUpdate> updates) {
    Map<String, RemoteRefUpdate> results = new TreeMap<>();
    try (Transport transport = open("push")) {
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, updates);
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        results.put(update.getRemoteName(), update);
      }
    } catch (NotSupportedException | TransportException e) {
      throw failure("push", e);
    }
    return results;
  }

  /** A push update of {@code ref} to {@code id}, guarded by the remote's expected old value. */
  RemoteRefUpdate update(String ref, ObjectId id, Optional<ObjectId> expectedOld, boolean lease)
      throws IOException {
    return new RemoteRefUpdate(repository, id.name(), ref, lease, null,
        expectedOld.orElse(ObjectId.zeroId()));
  }

  private Transport open(String operation) {
    try {
      Transport transport = Transport.open(repository, remote);
      credentials.ifPresent(transport::setCredentialsProvider);
      transport.setTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
      return transport;
    } catch (URISyntaxException | NotSupportedException | TransportException e) {
      throw failure(operation, e);
    }
  }

  private CheckpointSyncException failure(String operation, Exception e) {
    return new CheckpointSyncException(remote, operation,
        Objects.toString(e.getMessage(), e.getClass().getName()), e);
  }
}
