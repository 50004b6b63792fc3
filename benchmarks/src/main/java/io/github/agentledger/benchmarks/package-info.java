/**
 * JMH benchmarks of agentledger, each paired with the baseline it is measured against in the same
 * run. Run them with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package io.github.agentledger.benchmarks;

import org.jspecify.annotations.NullMarked;
