package io.github.agentledger.adk;

import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.sessions.State;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session as replayed from its log: its events, its session-scoped state (the state given at
 * creation, then every event's state delta in order, {@code app:}, {@code user:} and {@code
 * temp:} keys excluded) and its last update time (the latest event's timestamp, or the creation
 * time). Not thread-safe: the service guards it.
 */
final class SessionView {
  /** The session attribute holding the session-scoped state given at creation. */
  static final String STATE_ATTRIBUTE = "adk.state";

  /** The session attribute holding the creation time, epoch milliseconds. */
  static final String CREATED_ATTRIBUTE = "adk.created";

  /**
   * {@link State#REMOVED} as an event read back from its JSON holds it: ADK writes the sentinel as
   * a string and reads that string back, not the sentinel.
   */
  private static final Object REMOVED_AS_READ =
      EventMapper.fromJson(JsonText.of(EventMapper.toJson(State.REMOVED)));

  final List<Event> events = new ArrayList<>();
  final Map<String, Object> state = new LinkedHashMap<>();
  Instant lastUpdate;

  private SessionView(Instant created) {
    this.lastUpdate = created;
  }

  /** Replays a session from its attributes and history, as stored. */
  @SuppressWarnings("unchecked")
  static SessionView replay(
      Map<String, JsonText> attributes, List<HistoryItem> history, Instant fallbackCreated) {
    JsonText created = attributes.get(CREATED_ATTRIBUTE);
    SessionView view =
        new SessionView(
            created == null
                ? fallbackCreated
                : Instant.ofEpochMilli(((Number) EventMapper.fromJson(created)).longValue()));
    JsonText initial = attributes.get(STATE_ATTRIBUTE);
    if (initial != null) {
      view.state.putAll((Map<String, Object>) EventMapper.fromJson(initial));
    }
    for (Event event : EventMapper.toEvents(history)) {
      view.add(event);
    }
    return view;
  }

  /** Creates the view of a new session. */
  static SessionView created(Instant created, Map<String, Object> state) {
    SessionView view = new SessionView(created);
    view.state.putAll(state);
    return view;
  }

  /** Adds an event: its session-scoped state delta applies, its timestamp is the last update. */
  void add(Event event) {
    events.add(event);
    EventActions actions = event.actions();
    if (actions != null) {
      actions.stateDelta().forEach(this::applyDelta);
    }
    lastUpdate = Instant.ofEpochMilli(event.timestamp());
  }

  private void applyDelta(String key, Object value) {
    if (!isSessionScoped(key)) {
      return;
    }
    if (value == State.REMOVED || REMOVED_AS_READ.equals(value)) {
      state.remove(key);
    } else {
      state.put(key, value);
    }
  }

  static boolean isSessionScoped(String key) {
    return !key.startsWith(State.APP_PREFIX)
        && !key.startsWith(State.USER_PREFIX)
        && !key.startsWith(State.TEMP_PREFIX);
  }
}
