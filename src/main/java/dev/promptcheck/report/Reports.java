package dev.promptcheck.report;

import java.util.List;
import java.util.Optional;

/** The report writers by {@code --format} name. A new report is one class added here. */
public final class Reports {
  public static final List<ReportWriter> ALL =
      List.of(new JsonReport(), new JunitReport(), new MarkdownReport(), new HtmlReport());

  private Reports() {}

  /** Every {@code --format} name, in registration order. */
  public static List<String> names() {
    return ALL.stream().map(ReportWriter::format).toList();
  }

  public static Optional<ReportWriter> writer(String format) {
    return ALL.stream().filter(w -> w.format().equals(format)).findFirst();
  }
}
