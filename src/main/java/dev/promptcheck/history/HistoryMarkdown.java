package dev.promptcheck.history;

import dev.promptcheck.result.Stats;
import dev.promptcheck.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code history.md}: the drifts and each suite's latest rate, for a step summary. */
final class HistoryMarkdown {
  static final String FILE = "history.md";

  private HistoryMarkdown() {}

  static Path write(History h, List<Series> series, List<Drift> drifts, Path dir)
      throws IOException {
    StringBuilder md = new StringBuilder("## promptcheck history\n\n");
    md.append(h.runs().size()).append(h.runs().size() == 1 ? " run" : " runs").append(".\n\n");
    if (drifts.isEmpty()) {
      md.append("No drift: no suite × model changed significantly.\n\n");
    } else {
      md.append("### Drifts\n\n");
      drifts.forEach(d -> md.append("- ").append(d.describe().replace("|", "\\|")).append('\n'));
      md.append('\n');
    }
    md.append("| suite | model | runs | latest pass rate | 95% interval | previous |\n");
    md.append("|---|---|---:|---:|---|---:|\n");
    for (Series s : series) {
      List<Series.Point> p = s.points();
      Series.Point last = p.get(p.size() - 1);
      md.append("| ")
          .append(s.file().replace("|", "\\|"))
          .append(" | ")
          .append(s.model().replace("|", "\\|"))
          .append(" | ")
          .append(p.size())
          .append(" | ")
          .append(pct(last.passRate()))
          .append(" | ")
          .append(pct(last.low()))
          .append("–")
          .append(pct(last.high()))
          .append(" | ")
          .append(p.size() > 1 ? pct(p.get(p.size() - 2).passRate()) : "–")
          .append(" |\n");
    }
    return AtomicFiles.write(dir.resolve(FILE), md.toString());
  }

  private static String pct(double rate) {
    return Stats.percent(rate);
  }
}
