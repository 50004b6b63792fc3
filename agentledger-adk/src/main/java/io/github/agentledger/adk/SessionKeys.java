package io.github.agentledger.adk;

import io.github.agentledger.segment.ConversationKey;

/**
 * The conversation keys under which ADK's names live in a segment store. Each name is escaped
 * ({@code %} as {@code %25}, {@code /} as {@code %2F}) so that {@code /} separates names without
 * ambiguity:
 *
 * <ul>
 *   <li>a session: {@code adk/<app>/<user>/<session>};
 *   <li>the app-scoped state of an app: {@code adk-app/<app>};
 *   <li>the user-scoped state of a user of an app: {@code adk-user/<app>/<user>}.
 * </ul>
 */
final class SessionKeys {
  private SessionKeys() {}

  static ConversationKey session(String app, String user, String session) {
    return ConversationKey.of(sessionPrefix(app, user) + escape(session));
  }

  /** {@return the prefix shared by the keys of every session of a user of an app} */
  static String sessionPrefix(String app, String user) {
    return "adk/" + escape(app) + "/" + escape(user) + "/";
  }

  static ConversationKey appState(String app) {
    return ConversationKey.of("adk-app/" + escape(app));
  }

  static ConversationKey userState(String app, String user) {
    return ConversationKey.of("adk-user/" + escape(app) + "/" + escape(user));
  }

  static String escape(String name) {
    return name.replace("%", "%25").replace("/", "%2F");
  }

  static String unescape(String escaped) {
    return escaped.replace("%2F", "/").replace("%25", "%");
  }
}
