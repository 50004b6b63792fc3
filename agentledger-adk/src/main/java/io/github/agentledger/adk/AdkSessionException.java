package io.github.agentledger.adk;

import io.github.agentledger.segment.SegmentLogException;

/**
 * A request named an ADK session in a state that does not allow it (it exists already, or it does
 * not exist); nothing was written. Names the session by app, user and session id. Immutable.
 */
public abstract sealed class AdkSessionException extends SegmentLogException
    permits AdkSessionExistsException, AdkSessionNotFoundException {
  private static final long serialVersionUID = 1L;

  /** The app. */
  private final String appName;

  /** The user. */
  private final String userId;

  /** The session id. */
  private final String sessionId;

  /**
   * Creates the exception.
   *
   * @param appName the app
   * @param userId the user
   * @param sessionId the session id
   * @param what what is wrong with the session, ending the message ("exists already")
   */
  AdkSessionException(String appName, String userId, String sessionId, String what) {
    super("ADK session " + sessionId + " of user " + userId + " of app " + appName + " " + what,
        null);
    this.appName = appName;
    this.userId = userId;
    this.sessionId = sessionId;
  }

  /** {@return the app} */
  public String appName() {
    return appName;
  }

  /** {@return the user} */
  public String userId() {
    return userId;
  }

  /** {@return the session id} */
  public String sessionId() {
    return sessionId;
  }
}
