package io.github.agentledger.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders measured pairs as the markdown table the README's figures use:
 * {@code | what | ours | baseline | ratio |}, one row per claim, the runs of its parameter values
 * joined by {@code " / "} in every column, under a header line that names when, where and how
 * the figures were measured. Pure text, no JMH: {@link Figures} fills it from a run.
 */
final class FigureTable {
  /** The table's column line and separator, as in the README. */
  static final String COLUMNS = "| what | ours | baseline | ratio |\n|---|---|---|---|\n";

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private FigureTable() {}

  /**
   * Where and how a run was measured.
   *
   * @param at when the run started
   * @param machine the machine (operating system, architecture, cores, JVM)
   * @param mode {@code quick} or {@code full}
   * @param load the load average before and after the run, as text
   */
  record Run(Instant at, String machine, String mode, String load) {
    Run {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(machine, "machine");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(load, "load");
    }
  }

  /**
   * One measurement of ours and its baseline at one set of parameters.
   *
   * @param params the parameter values ({@code "100"}, {@code "1000 LOOSE"}), empty if none
   * @param ours our score
   * @param baseline the baseline's score
   * @param unit the scores' unit as JMH names it ({@code ms/op}, {@code ops/s})
   * @param higherIsBetter whether the scores are throughputs
   */
  record Measured(String params, double ours, double baseline, String unit,
      boolean higherIsBetter) {
    Measured {
      Objects.requireNonNull(params, "params");
      Objects.requireNonNull(unit, "unit");
    }

    /** {@return how many times faster ours is (below 1: slower)} */
    double speedRatio() {
      return higherIsBetter ? ours / baseline : baseline / ours;
    }
  }

  /**
   * One row: a claim and its measurements, one per parameter set.
   *
   * @param what what is measured, as the README's first column says it
   * @param baseline what the baseline is
   * @param paramNames the names of the parameters, empty if none
   * @param measured the measurements, in run order
   */
  record Row(String what, String baseline, List<String> paramNames, List<Measured> measured) {
    Row {
      Objects.requireNonNull(what, "what");
      Objects.requireNonNull(baseline, "baseline");
      paramNames = List.copyOf(paramNames);
      measured = List.copyOf(measured);
    }
  }

  /**
   * Renders the header line and the table; rows without measurements are left out.
   *
   * @param run where and how
   * @param rows the rows
   * @return the markdown text, ending with a newline
   */
  static String render(Run run, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("Figures ").append(run.mode()).append(", ").append(WHEN.format(run.at()))
        .append(", ").append(run.machine()).append(", load average ").append(run.load())
        .append(" (speed ratio = how many times faster than the baseline; below 1 = slower):\n\n");
    out.append(COLUMNS);
    for (Row row : rows) {
      if (row.measured().isEmpty()) {
        continue;
      }
      String what = row.what();
      if (!row.paramNames().isEmpty()) {
        what += ", " + String.join(", ", row.paramNames()) + " = "
            + join(row, Measured::params);
      }
      String unit = unit(row.measured().get(0).unit());
      out.append("| ").append(cell(what))
          .append(" | ").append(join(row, m -> number(m.ours()))).append(unit)
          .append(" | ").append(cell(row.baseline())).append(row.baseline().isEmpty() ? "" : ", ")
          .append(join(row, m -> number(m.baseline()))).append(unit)
          .append(" | ").append(join(row, m -> String.format(Locale.ROOT, "%.2f", m.speedRatio())))
          .append(" |\n");
    }
    return out.toString();
  }

  private static String join(Row row, java.util.function.Function<Measured, String> part) {
    return row.measured().stream().map(part).collect(Collectors.joining(" / "));
  }

  /** A JMH unit as the README writes it after a number: {@code ms/op} → " ms", ops/s → "/s". */
  static String unit(String jmhUnit) {
    if (jmhUnit.startsWith("ops/")) {
      return "/" + jmhUnit.substring("ops/".length());
    }
    if (jmhUnit.endsWith("/op")) {
      return " " + jmhUnit.substring(0, jmhUnit.length() - "/op".length());
    }
    return " " + jmhUnit;
  }

  /**
   * A score to three significant digits, thousands grouped by spaces as the README writes them:
   * 0.07942 → "0.0794", 12.03 → "12.0", 1 727.4 → "1 730", 130 412 → "130 000".
   *
   * @param value the score
   * @return the text
   */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN));
    if (rounded.scale() < 0) {
      rounded = rounded.setScale(0, RoundingMode.UNNECESSARY);
    } else if (rounded.precision() < 3) {
      // 2 is "2.00", as 2.01 would be: always three significant digits below 100.
      rounded = rounded.setScale(rounded.scale() + 3 - rounded.precision(), RoundingMode.UNNECESSARY);
    }
    String plain = rounded.toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot);
    boolean negative = whole.startsWith("-");
    String digits = negative ? whole.substring(1) : whole;
    if (digits.length() <= 3) {
      return plain;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        grouped.append(' ');
      }
      grouped.append(digits.charAt(i));
    }
    return (negative ? "-" : "") + grouped + fraction;
  }

  /** Escapes the one character that would break a markdown cell. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
