package io.github.agentledger.adk;

import com.google.adk.sessions.State;
import io.github.agentledger.segment.ConversationKey;
import io.github.agentledger.segment.ConversationOptions;
import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state ADK shares between sessions, kept as attributes of dedicated sessions of the store:
 * {@code app:} keys of an app in the session keyed {@code adk-app/<app>}, {@code user:} keys of a
 * user in the session keyed {@code adk-user/<app>/<user>}; one attribute per key (without its
 * prefix), its value as JSON. {@link SegmentStore#putSessionAttributes} is atomic and durable and
 * concurrent writers do not lose each other's keys, so two sessions (in one process or several)
 * that change different keys of a scope both keep their change; of two changes of one key the
 * later wins, as with ADK's in-memory service. Those sessions hold only their {@code
 * segment_start}: they exist to carry the attributes.
 */
final class ScopedState {
  private final SegmentStore store;
  private final ConversationOptions options;

  ScopedState(SegmentStore store, ConversationOptions options) {
    this.store = store;
    this.options = options;
  }

  /** {@return the app: and user: state of a user of an app, keys with their prefixes} */
  Map<String, Object> read(String app, String user) {
    Map<String, Object> state = new LinkedHashMap<>();
    readInto(SessionKeys.appState(app), State.APP_PREFIX, state);
    readInto(SessionKeys.userState(app, user), State.USER_PREFIX, state);
    return state;
  }

  private void readInto(ConversationKey key, String prefix, Map<String, Object> into) {
    Optional<SessionId> session = store.lookupKey(key);
    if (session.isPresent()) {
      store
          .sessionAttributes(session.get())
          .forEach((name, json) -> into.put(prefix + name, EventMapper.fromJson(json)));
    }
  }

  /**
   * Applies the {@code app:} and {@code user:} entries of a state delta ({@link State#REMOVED}
   * removes a key); other entries are ignored.
   */
  void apply(String app, String user, Map<String, Object> delta) {
    applyScope(SessionKeys.appState(app), State.APP_PREFIX, delta);
    applyScope(SessionKeys.userState(app, user), State.USER_PREFIX, delta);
  }

  private void applyScope(ConversationKey key, String prefix, Map<String, Object> delta) {
    Map<String, JsonText> put = new LinkedHashMap<>();
    List<String> removed = new java.util.ArrayList<>();
    delta.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            String bare = name.substring(prefix.length());
            if (value == State.REMOVED) {
              removed.add(bare);
            } else {
              put.put(bare, JsonText.of(EventMapper.toJson(value)));
            }
          }
        });
    if (put.isEmpty() && removed.isEmpty()) {
      return;
    }
    SessionId session = store.lookupKey(key).orElseGet(() -> create(key));
    store.putSessionAttributes(session, put);
    for (String name : removed) {
      store.removeSessionAttribute(session, name);
    }
  }

  /** Creates the session that carries a scope's attributes; a concurrent creator may win. */
  private SessionId create(ConversationKey key) {
    SessionId mine = options.ids().newSessionId();
    store.create(
        mine,
        options.ids().newSegmentId(),
        List.of(
            LogEntry.SegmentStart.fresh(
                options.clock().millis(), mine, Optional.empty(), options.config(), List.of())));
    SessionId bound = store.bindKey(key, mine);
    if (!bound.equals(mine)) {
      store.deleteSession(mine);
    }
    return bound;
  }
}
