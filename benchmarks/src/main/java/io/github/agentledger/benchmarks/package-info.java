/**
 * JMH benchmarks of agentledger, each paired with the baseline it is measured against in the same
 * run. Run them with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package io.github.agentledger.benchmarks;
