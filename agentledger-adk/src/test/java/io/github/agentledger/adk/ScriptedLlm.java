package io.github.agentledger.adk;

import com.google.adk.models.BaseLlm;
import com.google.adk.models.BaseLlmConnection;
import com.google.adk.models.LlmRequest;
import com.google.adk.models.LlmResponse;
import com.google.genai.types.Content;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A model written against ADK's own {@link BaseLlm}: it answers each request with the next
 * scripted content and records the requests it saw (no network).
 */
final class ScriptedLlm extends BaseLlm {
  private final Deque<Content> script;
  final List<LlmRequest> requests = new ArrayList<>();

  ScriptedLlm(Content... replies) {
    super("scripted");
    this.script = new ArrayDeque<>(List.of(replies));
  }

  @Override
  public Flowable<LlmResponse> generateContent(LlmRequest request, boolean stream) {
    requests.add(request);
    Content reply = script.poll();
    if (reply == null) {
      return Flowable.error(new AssertionError("the script has no reply left"));
    }
    return Flowable.just(LlmResponse.builder().content(reply).build());
  }

  @Override
  public BaseLlmConnection connect(LlmRequest request) {
    throw new UnsupportedOperationException("the scripted model has no live connection");
  }
}
