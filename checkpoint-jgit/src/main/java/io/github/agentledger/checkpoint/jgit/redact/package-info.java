/**
 * Secret redaction for what a checkpoint store writes: transcripts (JSON lines) and free text.
 *
 * <p>The entry point is {@link io.github.agentledger.checkpoint.jgit.redact.Redactor}: take
 * {@code Redactor.defaults()}, {@code Redactor.none()}, your own implementation, or a
 * {@link io.github.agentledger.checkpoint.jgit.redact.SecretRedactor} built with
 * {@code Redactor.builder()} (the default rules, with rules of your own added, default ones
 * removed, and values allow-listed), and hand it to the store's builder. Nothing in this package
 * depends on the stores: a redactor maps bytes to bytes and text to text, and can be used on its
 * own.
 */
@NullMarked
package io.github.agentledger.checkpoint.jgit.redact;

import org.jspecify.annotations.NullMarked;
