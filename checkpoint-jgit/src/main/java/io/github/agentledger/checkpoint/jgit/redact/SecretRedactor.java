package io.github.agentledger.checkpoint.jgit.redact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The default {@link Redactor}, made of named rules that a caller may remove, extend and
 * allow-list: replaces every secret it finds with {@code REDACTED}.
 *
 * <p>Immutable and safe for use by several threads at once; deterministic. Build one with
 * {@link #builder()} (which starts from the default rules) or take {@link #defaults()}:
 * <pre>{@code
 * SecretRedactor redactor = SecretRedactor.builder()
 *     .removeRule("high-entropy")                                   // no guessing
 *     .addRule("acme-ticket", Pattern.compile("\\bACME-[0-9]{6}\\b"))
 *     .allow("test-keys", Pattern.compile("AKIA0000[A-Z0-9]{12}"))   // our fixtures
 *     .build();
 * }</pre>
 *
 * <p><b>What it finds.</b> Secrets by their published shape (the token rules: AWS access key ids,
 * GitHub, GitLab, Slack, Stripe, Google, OpenAI, Anthropic, npm, PyPI, Hugging Face, SendGrid,
 * Twilio, Heroku, Shopify, DigitalOcean, Vault, Databricks, Doppler, Postman, Linear, Atlassian,
 * age, New Relic, Grafana and Sentry tokens, JSON web tokens); by their context (the value of a
 * name that says secret: {@code password=…}, {@code DB_PASSWORD=…}, {@code api_key: …},
 * {@code "pwd": "…"}, {@code AccountKey=…}, a Kubernetes {@code name: X_TOKEN} /
 * {@code value: …} pair; the password of {@code scheme://user:password@host} and of
 * {@code curl -u user:password}; {@code Bearer} tokens and {@code Basic} credentials; PEM
 * private key blocks); and random-looking tokens (runs of {@code [A-Za-z0-9+_-]} with more than
 * 4.5 bits of entropy per character). Only the secret's characters are replaced:
 * {@code DB_PASSWORD=hunter2} becomes {@code DB_PASSWORD=REDACTED}. Placeholders
 * ({@code REPLACE_ME}, {@code <your-key>}, {@code xxxx}, {@code ${VAR}}) are kept, and so are
 * hashes ({@code sha512-…} integrity strings, {@code go.sum} lines, {@code sha256:…} digests), SSH
 * public keys and fingerprints, and base64 that decodes to text. {@link #ruleNames()} lists the
 * rules by name.
 *
 * <p><b>Transcripts.</b> When the first line is not one JSON value but the whole content is (a
 * pretty-printed document), it is redacted as one; otherwise line by line ({@code \n}-terminated).
 * A line that opens like a JSON record (<code>&#123;</code> or <code>[</code>) is redacted
 * member-aware when it is one valid JSON value and as plain text on its own when it is not; each
 * run of consecutive other lines that are not JSON values is redacted as one plain text (so that a
 * PEM block spread over such lines is found whole). In JSON, keys are never changed and only string
 * values are searched, in their decoded form (a secret written with escapes is found and replaced
 * escapes included); content the writer stored as binary or opaque is never touched: objects whose
 * {@code kind} or {@code type} is an image, audio, file, document, {@code base64} or {@code
 * redacted_thinking}, or that carry a {@code mime_type}/{@code media_type}, and members such as
 * {@code signature} and {@code encrypted_content}. Members holding ids or paths (names ending in
 * {@code id}/{@code ids}, {@code path}, {@code cwd}, …) are searched for well-known shapes only. A
 * member whose name says secret is replaced whole. Replacements are made in the original bytes: an
 * unchanged line keeps its exact bytes, and a valid JSON line stays valid.
 *
 * <p><b>Cost.</b> One pass over each text for all rules; the work is linear in the input for the
 * built-in rules. Before a record line is parsed, one cheap pass over its bytes looks for anything
 * that could start a secret (a known token prefix, a long random-looking run, a secret-sounding
 * name before {@code :} or {@code =}, a URL with a password, a JSON escape that hides
 * characters); a line without any is copied through unparsed, so the clean lines that make up
 * most of an agent transcript cost little more than reading them. A caller's expressions run over
 * every string value and every plain text, so a redactor that has any parses every line: they
 * must not backtrack catastrophically (bound every repetition).
 */
public final class SecretRedactor implements Redactor {
  /** What every secret is replaced with, as the Entire format prescribes. */
  public static final String REPLACEMENT = "REDACTED";
  private static final byte[] REPLACEMENT_BYTES = REPLACEMENT.getBytes(StandardCharsets.US_ASCII);
  private static final SecretRedactor DEFAULTS = builder().build();

  private final RuleSet rules;
  private final Set<String> enabledDefaults;
  private final Map<String, CustomRule> custom;
  private final Map<String, AllowRule> allow;
  private final Set<String> skippedMembers;

  private SecretRedactor(Builder builder) {
    this.enabledDefaults = Set.copyOf(builder.enabledDefaults);
    this.custom = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.custom));
    this.allow = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.allow));
    this.skippedMembers = Set.copyOf(builder.skippedMembers);
    this.rules = new RuleSet(enabledDefaults, List.copyOf(custom.values()),
        List.copyOf(allow.values()), skippedMembers);
  }

  /**
   * {@return the redactor with the default rules and no allow-list}
   */
  public static SecretRedactor defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a builder holding the default rules, to change}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a builder holding this redactor's rules, allow-list and skipped members}
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.enabledDefaults.retainAll(enabledDefaults);
    builder.custom.putAll(custom);
    builder.allow.putAll(allow);
    builder.skippedMembers.addAll(skippedMembers);
    return builder;
  }

  /**
   * {@return the names of every default rule, sorted}
   */
  public static List<String> defaultRuleNames() {
    return DefaultRules.names();
  }

  /**
   * {@return the names of this redactor's detection rules (defaults kept, then the caller's), in
   * that order}
   */
  public List<String> ruleNames() {
    List<String> names = new ArrayList<>();
    for (String name : DefaultRules.names()) {
      if (enabledDefaults.contains(name)) {
        names.add(name);
      }
    }
    names.addAll(custom.keySet());
    return List.copyOf(names);
  }

  /**
   * {@return the names of this redactor's allow-list entries, in the order they were added}
   */
  public List<String> allowListNames() {
    return List.copyOf(allow.keySet());
  }

  @Override
  public String redactText(String text) {
    Objects.requireNonNull(text, "text");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RangeSet found = new RangeSet();
    new TextScan(rules).scan(new ByteText(bytes, 0, bytes.length), false, found, 0, null);
    return found.isEmpty() ? text : new String(apply(bytes, found), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] redactTranscript(byte[] jsonl) {
    Objects.requireNonNull(jsonl, "jsonl");
    RangeSet found = new RangeSet();
    new TranscriptPass(rules, jsonl, found).run();
    return found.isEmpty() ? jsonl : apply(jsonl, found);
  }

  private static byte[] apply(byte[] bytes, RangeSet found) {
    int[] merged = found.merged();
    int size = bytes.length;
    for (int i = 0; i < merged.length; i += 2) {
      size += REPLACEMENT_BYTES.length - (merged[i + 1] - merged[i]);
    }
    byte[] out = new byte[size];
    int at = 0;
    int written = 0;
    for (int i = 0; i < merged.length; i += 2) {
      int gap = merged[i] - at;
      System.arraycopy(bytes, at, out, written, gap);
      written += gap;
      System.arraycopy(REPLACEMENT_BYTES, 0, out, written, REPLACEMENT_BYTES.length);
      written += REPLACEMENT_BYTES.length;
      at = merged[i + 1];
    }
    System.arraycopy(bytes, at, out, written, bytes.length - at);
    return out;
  }

  /**
   * Changes the rules of a {@link SecretRedactor}: remove default rules, add rules and allow-list
   * entries of your own, name JSON members never to search. Every rule and allow-list entry has a
   * name, unique within the builder. Not thread-safe; {@link #build()} may be called several
   * times.
   */
  public static final class Builder {
    private final Set<String> enabledDefaults = new LinkedHashSet<>(DefaultRules.names());
    private final Map<String, CustomRule> custom = new LinkedHashMap<>();
    private final Map<String, AllowRule> allow = new LinkedHashMap<>();
    private final Set<String> skippedMembers = new TreeSet<>();

    private Builder() {}

    /**
     * Adds a rule: every match of {@code pattern} is a secret, or only the group named
     * {@code secret} when the pattern has one ({@code token=(?<secret>[a-z]{5})}). The pattern
     * sees each JSON string value decoded, and plain text as it is; it must not backtrack
     * catastrophically.
     *
     * @param name the rule's name, not yet used by another rule or allow-list entry
     * @param pattern the expression
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or taken
     */
    public Builder addRule(String name, Pattern pattern) {
      Objects.requireNonNull(pattern, "pattern");
      custom.put(freeName(name), new CustomRule(name, pattern));
      return this;
    }

    /**
     * Removes a rule or an allow-list entry by name: a default rule ({@link
     * SecretRedactor#defaultRuleNames()}), or one added to this builder.
     *
     * @param name the name
     * @return this builder
     * @throws IllegalArgumentException if no rule or entry has that name
     */
    public Builder removeRule(String name) {
      Objects.requireNonNull(name, "name");
      if (!enabledDefaults.remove(name) && custom.remove(name) == null
          && allow.remove(name) == null) {
        throw new IllegalArgumentException("no rule named '" + name + "'; the rules are "
            + enabledDefaults + ", " + custom.keySet() + " and allow-list entries "
            + allow.keySet());
      }
      return this;
    }

    /**
     * Adds an allow-list entry: a found value that {@code pattern} matches whole is kept.
     *
     * @param name the entry's name, not yet used by a rule or another entry
     * @param pattern the values to keep
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or taken
     */
    public Builder allow(String name, Pattern pattern) {
      Objects.requireNonNull(pattern, "pattern");
      allow.put(freeName(name), new AllowRule(name, Set.of(), pattern));
      return this;
    }

    /**
     * Adds an allow-list entry of exact values to keep (for example the fake keys of your test
     * fixtures).
     *
     * @param name the entry's name, not yet used by a rule or another entry
     * @param values the values to keep, none empty
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or taken, or a value is empty
     */
    public Builder allowValues(String name, Set<String> values) {
      Objects.requireNonNull(values, "values");
      for (String value : values) {
        if (Objects.requireNonNull(value, "value").isEmpty()) {
          throw new IllegalArgumentException("allow-list '" + name + "' holds an empty value");
        }
      }
      allow.put(freeName(name), new AllowRule(name, values, AllowRule.NOTHING));
      return this;
    }

    /**
     * Names a JSON member whose string values are never searched, wherever it stands (for
     * example a member of your own that holds opaque data).
     *
     * @param memberName the member name, exactly as written
     * @return this builder
     * @throws IllegalArgumentException if the name is empty
     */
    public Builder skipMember(String memberName) {
      if (Objects.requireNonNull(memberName, "memberName").isEmpty()) {
        throw new IllegalArgumentException("memberName is empty");
      }
      skippedMembers.add(memberName);
      return this;
    }

    /**
     * {@return a redactor with the rules as they are now}
     */
    public SecretRedactor build() {
      return new SecretRedactor(this);
    }

    private String freeName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a rule name must not be blank");
      }
      if (DefaultRules.names().contains(name) || custom.containsKey(name)
          || allow.containsKey(name)) {
        throw new IllegalArgumentException("the name '" + name + "' is taken"
            + (DefaultRules.names().contains(name) ? " by a default rule" : ""));
      }
      return name;
    }
  }
}
