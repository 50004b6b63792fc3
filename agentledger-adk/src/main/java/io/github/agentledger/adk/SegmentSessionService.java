package io.github.agentledger.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.State;
import io.github.agentledger.segment.Conversation;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.KeyBinding;
import io.github.agentledger.segment.RestoredState;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import io.github.agentledger.segment.lineage.SegmentLineage;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * A Google ADK {@link BaseSessionService} over a {@link SegmentStore}: each ADK session (app,
 * user, session id) is a {@link Conversation} under the key {@code adk/<app>/<user>/<session>}
 * (each name escaped: {@code %} as {@code %25}, {@code /} as {@code %2F}), and each appended event
 * is written to its log, so a session reads back equal after a restart.
 *
 * <p><b>Events.</b> Each event's content parts become history items (text, inline data, function
 * calls and responses) and its last item carries the whole event as ADK's JSON, so author,
 * invocation id, actions, timestamps and every field not modelled by the log survive; see the
 * adapter's README. A final response (an event that ends an agent's answer) ends the
 * conversation's turn. Partial (streaming) events are not stored, as in ADK's own services.
 *
 * <p><b>State.</b> Keys without prefix are the session's: the state given to {@code
 * createSession} is a session attribute, and every later change is the state delta of a stored
 * event, so the state is replayed with the events. {@code app:} keys are shared by every user and
 * session of an app, {@code user:} keys by every session of a user of an app: each is an
 * attribute of a dedicated session of the store (keyed {@code adk-app/<app>} and {@code
 * adk-user/<app>/<user>}), written before the event that changes it. {@code temp:} keys live only
 * in the {@link Session} object of the running invocation: they are never stored, and removed
 * from the stored copy of an event's state delta. Sessions returned carry the merged state, {@code
 * app:} and {@code user:} keys with their prefixes.
 *
 * <p><b>Writers.</b> The first {@code createSession} or {@code appendEvent} of a session opens its
 * conversation, which holds the segment's writer lock until {@link #deleteSession} or {@link
 * #close()}: a second service (in this process or another) that appends to the session fails at
 * once with {@link io.github.agentledger.segment.SegmentLockedException}, never blocks and never
 * interleaves. Reads ({@code getSession}, {@code listEvents}, {@code listSessions}) take no lock.
 * Failures are returned as the error of the {@code Single}/{@code Maybe}/{@code Completable}: a
 * {@link io.github.agentledger.segment.SegmentLogException} subclass ({@link
 * AdkSessionExistsException}, {@link AdkSessionNotFoundException}, a lock or storage failure).
 * The work is done when the method is called, as in ADK's in-memory service.
 *
 * <p>Thread-safe: calls on one session are serialised; calls on different sessions run in
 * parallel.
 */
public final class SegmentSessionService implements BaseSessionService, AutoCloseable {
  private final SegmentStore store;
  private final ConversationOptions options;
  private final ScopedState scoped;
  private final ConcurrentMap<ConversationKey, OpenSession> open = new ConcurrentHashMap<>();

  private SegmentSessionService(SegmentStore store, ConversationOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.options = Objects.requireNonNull(options, "options");
    this.scoped = new ScopedState(store, options);
  }

  /**
   * Creates a service with {@link ConversationOptions#defaults()}.
   *
   * @param store the segment store that keeps the sessions
   * @return the service; close it to release the sessions' writer locks
   */
  public static SegmentSessionService over(SegmentStore store) {
    return over(store, ConversationOptions.defaults());
  }

  /**
   * Creates a service.
   *
   * @param store the segment store that keeps the sessions
   * @param options the clock (creation times) and ids (of sessions created without an id, and of
   *     the store's sessions)
   * @return the service; close it to release the sessions' writer locks
   */
  public static SegmentSessionService over(SegmentStore store, ConversationOptions options) {
    return new SegmentSessionService(store, options);
  }

  /**
   * Creates a session; see {@link #createSession(String, String, Map, String)}.
   *
   * @param appName the app
   * @param userId the user
   * @param state the initial state, or {@code null} for none
   * @param sessionId the session id, or {@code null} or blank for a new one
   * @return the session
   */
  @Override
  public Single<Session> createSession(
      String appName,
      String userId,
      @Nullable ConcurrentMap<String, Object> state,
      @Nullable String sessionId) {
    return createSession(appName, userId, (Map<String, Object>) state, sessionId);
  }

  /**
   * Creates a session: its conversation is created and opened, the session-scoped keys of {@code
   * state} become its initial state, its {@code app:} and {@code user:} keys change the shared
   * state, its {@code temp:} keys are dropped.
   *
   * @param appName the app
   * @param userId the user
   * @param state the initial state, or {@code null} for none
   * @param sessionId the session id, or {@code null} or blank for a new one (a UUIDv7 from the
   *     options' ids)
   * @return the session with its merged state; fails with {@link AdkSessionExistsException} if
   *     the id is taken (nothing is written), or a {@link
   *     io.github.agentledger.segment.SegmentLogException} if the store fails
   */
  @Override
  public Single<Session> createSession(
      String appName,
      String userId,
      @Nullable Map<String, Object> state,
      @Nullable String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    String id =
        sessionId == null || sessionId.isBlank()
            ? options.ids().newSessionId().toString()
            : sessionId.trim();
    Map<String, Object> given = state == null ? Map.of() : state;
    ConversationKey key = SessionKeys.session(appName, userId, id);
    try {
      if (open.containsKey(key) || store.lookupKey(key).isPresent()) {
        return Single.error(new AdkSessionExistsException(appName, userId, id));
      }
      Map<String, Object> own = new LinkedHashMap<>();
      given.forEach(
          (k, v) -> {
            if (SessionView.isSessionScoped(k) && v != State.REMOVED) {
              own.put(k, v);
            }
          });
      Instant created = options.clock().instant();
      OpenSession session = new OpenSession(Conversation.open(store, key, options));
      OpenSession raced = open.putIfAbsent(key, session);
      if (raced != null) {
        session.conversation.close();
        return Single.error(new AdkSessionExistsException(appName, userId, id));
      }
      synchronized (session) {
        store.putSessionAttributes(
            session.conversation.segment().sessionId(),
            Map.of(
                SessionView.CREATED_ATTRIBUTE,
                JsonText.of(Long.toString(created.toEpochMilli())),
                SessionView.STATE_ATTRIBUTE,
                JsonText.ofObject(EventMapper.toJson(own))));
        scoped.apply(appName, userId, given);
        session.view = SessionView.created(created, own);
        return Single.just(toSession(appName, userId, id, session.view, session.view.events));
      }
    } catch (RuntimeException e) {
      return Single.error(e);
    }
  }

  /**
   * Reads a session, without taking its writer lock.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id
   * @param config which events to return: the last {@code numRecentEvents}, then of those the ones
   *     not before {@code afterTimestamp}; all when empty
   * @return the session with its merged state (replayed from every event, whatever the config
   *     keeps); empty when it does not exist
   */
  @Override
  public Maybe<Session> getSession(
      String appName, String userId, String sessionId, Optional<GetSessionConfig> config) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(config, "config");
    try {
      Optional<Session> session =
          read(SessionKeys.session(appName, userId, sessionId), view -> {
            List<Event> events = view.events;
            if (config.isPresent()) {
              Optional<Integer> recent = config.get().numRecentEvents();
              if (recent.isPresent() && recent.get() < events.size()) {
                events = events.subList(events.size() - Math.max(0, recent.get()), events.size());
              }
              Optional<Instant> after = config.get().afterTimestamp();
              if (after.isPresent()) {
                List<Event> kept = new ArrayList<>(events.size());
                for (Event event : events) {
                  if (!Instant.ofEpochMilli(event.timestamp()).isBefore(after.get())) {
                    kept.add(event);
                  }
                }
                events = kept;
              }
            }
            return toSession(appName, userId, sessionId, view, events);
          });
      return session.map(Maybe::just).orElseGet(Maybe::empty);
    } catch (RuntimeException e) {
      return Maybe.error(e);
    }
  }

  /**
   * Lists the sessions of a user of an app, each with its merged state and no events (each is
   * replayed to give its state: the cost grows with the events of all of them).
   *
   * @param appName the app
   * @param userId the user
   * @return the sessions, ordered by id
   */
  @Override
  public Single<ListSessionsResponse> listSessions(String appName, String userId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    try {
      String prefix = SessionKeys.sessionPrefix(appName, userId);
      List<Session> sessions = new ArrayList<>();
      for (KeyBinding binding : store.listKeys()) {
        String key = binding.key().value();
        if (key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0) {
          String id = SessionKeys.unescape(key.substring(prefix.length()));
          read(binding.key(), view -> toSession(appName, userId, id, view, List.of()))
              .ifPresent(sessions::add);
        }
      }
      return Single.just(ListSessionsResponse.builder().sessions(sessions).build());
    } catch (RuntimeException e) {
      return Single.error(e);
    }
  }

  /**
   * Deletes a session: its log, its attributes and its key ({@link SegmentStore#deleteSession});
   * the shared {@code app:} and {@code user:} state stays. Nothing happens when it does not exist.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id
   * @return completes when deleted; fails with {@link
   *     io.github.agentledger.segment.SegmentLockedException} if another service holds it
   */
  @Override
  public Completable deleteSession(String appName, String userId, String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    ConversationKey key = SessionKeys.session(appName, userId, sessionId);
    try {
      OpenSession session = open.remove(key);
      if (session != null) {
        synchronized (session) {
          session.conversation.close();
        }
      }
      store.lookupKey(key).ifPresent(store::deleteSession);
      return Completable.complete();
    } catch (RuntimeException e) {
      return Completable.error(e);
    }
  }

  /**
   * Lists every event of a session, in order, without taking its writer lock.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id
   * @return the events; none when the session does not exist
   */
  @Override
  public Single<ListEventsResponse> listEvents(String appName, String userId, String sessionId) {
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(sessionId, "sessionId");
    try {
      List<Event> events =
          read(SessionKeys.session(appName, userId, sessionId), view -> List.copyOf(view.events))
              .orElse(List.of());
      return Single.just(ListEventsResponse.builder().events(events).build());
    } catch (RuntimeException e) {
      return Single.error(e);
    }
  }

  /**
   * Appends an event to a session: its {@code app:} and {@code user:} state changes are written,
   * then the event (in the session's log, in one append per history item, the event's JSON in the
   * last: an event is stored once that append is, and one cut short by a crash is absent); then
   * {@code session} is updated as {@link BaseSessionService#appendEvent} does (its state, its
   * events) and its last update time is the event's. Partial events are returned unstored.
   *
   * @param session the session, as returned by this service
   * @param event the event
   * @return the event; fails with {@link AdkSessionNotFoundException} if the session does not
   *     exist, {@link io.github.agentledger.segment.SegmentLockedException} if another service
   *     holds it (nothing written in either case), or another {@link
   *     io.github.agentledger.segment.SegmentLogException} if the store fails
   */
  @Override
  public Single<Event> appendEvent(Session session, Event event) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(event, "event");
    if (event.partial().orElse(false)) {
      return Single.just(event);
    }
    String app = session.appName();
    String user = session.userId();
    try {
      ConversationKey key = SessionKeys.session(app, user, session.id());
      OpenSession target = open.get(key);
      if (target == null) {
        if (store.lookupKey(key).isEmpty()) {
          return Single.error(new AdkSessionNotFoundException(app, user, session.id()));
        }
        target = open.computeIfAbsent(key, k -> new OpenSession(Conversation.open(store, k, options)));
      }
      synchronized (target) {
        if (target.closed) {
          return Single.error(new AdkSessionNotFoundException(app, user, session.id()));
        }
        SessionView view = target.view();
        EventActions actions = event.actions();
        Map<String, Object> delta = actions == null ? Map.of() : actions.stateDelta();
        JsonText json = EventMapper.storedJson(event);
        List<HistoryItem> items = EventMapper.toItems(event, json);
        scoped.apply(app, user, delta);
        for (HistoryItem item : items) {
          target.conversation.append(item);
        }
        if (event.finalResponse() && !"user".equals(event.author())) {
          target.conversation.endTurn();
        }
        boolean hadTemp = delta.keySet().stream().anyMatch(k -> k.startsWith(State.TEMP_PREFIX));
        view.add(hadTemp ? Event.fromJson(json.text()) : event);
      }
      BaseSessionService.super.appendEvent(session, event);
      session.lastUpdateTime(Instant.ofEpochMilli(event.timestamp()));
      return Single.just(event);
    } catch (RuntimeException e) {
      return Single.error(e);
    }
  }

  /** Closes every open session, releasing its writer lock; closing twice does nothing. */
  @Override
  public void close() {
    for (ConversationKey key : List.copyOf(open.keySet())) {
      OpenSession session = open.remove(key);
      if (session != null) {
        synchronized (session) {
          session.conversation.close();
          session.closed = true;
        }
      }
    }
  }

  /** Reads a session: from its open conversation when this service holds it, else from the log. */
  private <T> Optional<T> read(ConversationKey key, java.util.function.Function<SessionView, T> f) {
    OpenSession session = open.get(key);
    if (session != null) {
      synchronized (session) {
        if (!session.closed) {
          return Optional.of(f.apply(session.view()));
        }
      }
    }
    Optional<SessionId> id = store.lookupKey(key);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<SegmentRef> leaf =
        SegmentLineage.over(store, options.ids(), options.clock()).activeLeaf(id.get());
    if (leaf.isEmpty()) {
      return Optional.empty();
    }
    RestoredState restored = store.restore(leaf.get().sessionId(), leaf.get().segmentId());
    return Optional.of(f.apply(replay(id.get(), restored.history())));
  }

  private SessionView replay(SessionId id, List<HistoryItem> history) {
    Instant fallback = store.lastModified(id).orElse(Instant.EPOCH);
    return SessionView.replay(store.sessionAttributes(id), history, fallback);
  }

  private Session toSession(
      String app, String user, String id, SessionView view, List<Event> events) {
    Map<String, Object> state = new ConcurrentHashMap<>(view.state);
    state.putAll(scoped.read(app, user));
    return Session.builder(id)
        .appName(app)
        .userId(user)
        .state(state)
        .events(new ArrayList<>(events))
        .lastUpdateTime(view.lastUpdate)
        .build();
  }

  /** A session this service holds open, and its replayed view once read. */
  private final class OpenSession {
    final Conversation conversation;
    @Nullable SessionView view;
    boolean closed;

    OpenSession(Conversation conversation) {
      this.conversation = conversation;
    }

    SessionView view() {
      SessionView current = view;
      if (current == null) {
        current = replay(conversation.segment().sessionId(), conversation.history());
        view = current;
      }
      return current;
    }
  }
}
