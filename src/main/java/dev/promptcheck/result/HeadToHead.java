package dev.promptcheck.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two models (or one model in two runs) paired on the cases both ran: on how many cases each did
 * better, the exact two-sided p-value of that split, the difference of their pass rates with its
 * 95% paired interval, and the sentence a reader acts on. The better one is named only when {@code
 * pAdjusted < alpha}; otherwise the sentence says the suite cannot tell them apart and about how
 * many cases would.
 *
 * @param test "exact McNemar" when every paired case ran once on each side, "exact sign test" when
 *     repeats give pass fractions
 * @param casesNeeded about how many cases would detect a difference of the observed size at 80%
 *     power; null when there is no difference to size
 * @param note what the reader should know about the pairing (e.g. different model names), or null
 * @param difference the pass rate of {@code b} minus that of {@code a} over the paired cases, with
 *     its 95% interval for paired data ({@link PairedDifference})
 * @param pAdjusted {@code pValue} corrected for the {@code family} comparisons it was made with
 *     ({@link #adjust}); equal to it when alone or not corrected
 * @param adjustment how {@code pAdjusted} was corrected
 * @param family how many comparisons the correction counted (1 when alone)
 * @param clusters with {@code --cluster-by}: the clusters the paired cases fall into, each counted
 *     once by the test (better, worse or tied by its mean pass fraction); 0 when the cases are the
 *     units
 */
public record HeadToHead(
    String a,
    String b,
    int cases,
    int aBetter,
    int bBetter,
    int ties,
    String test,
    double pValue,
    double alpha,
    Integer casesNeeded,
    String note,
    PairedDifference difference,
    double pAdjusted,
    PAdjust adjustment,
    int family,
    int clusters) {

  public static final double DEFAULT_ALPHA = 0.05;

  /** The correction of a family of comparisons when none is asked for. */
  public static final PAdjust DEFAULT_ADJUST = PAdjust.HOLM;

  /**
   * Every pair of models in one run that share a case, each paired on the cases both ran, in the
   * run's model order (the first against the second, the third, ...).
   */
  public static List<HeadToHead> pairs(RunResult run, double alpha) {
    return pairs(run, alpha, DEFAULT_ADJUST);
  }

  /** As {@link #pairs(RunResult, double)}, the family's p-values corrected by {@code adjust}. */
  public static List<HeadToHead> pairs(RunResult run, double alpha, PAdjust adjust) {
    return pairs(run, CaseOutcome.byModel(run.trials()), alpha, adjust);
  }

  /** As {@link #pairs(RunResult, double, PAdjust)}, with the run's cases already rolled up. */
  static List<HeadToHead> pairs(
      RunResult run, Map<String, Map<String, CaseOutcome>> cases, double alpha, PAdjust adjust) {
    Set<String> models = new LinkedHashSet<>(run.models());
    models.addAll(cases.keySet());
    List<String> order = new ArrayList<>(models);
    List<HeadToHead> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        String a = order.get(i);
        String b = order.get(j);
        HeadToHead h =
            of(a, cases.getOrDefault(a, Map.of()), b, cases.getOrDefault(b, Map.of()), alpha, null);
        if (h.cases() > 0) {
          out.add(h); // models that ran different files share no case: nothing to pair
        }
      }
    }
    return adjust(out, adjust);
  }

  /**
   * The comparisons of one family with their p-values corrected together; a comparison without a
   * paired case tests nothing and is not counted. In the order given.
   */
  public static List<HeadToHead> adjust(List<HeadToHead> family, PAdjust method) {
    List<HeadToHead> tested = family.stream().filter(h -> h.cases() > 0).toList();
    double[] p = tested.stream().mapToDouble(HeadToHead::pValue).toArray();
    double[] adjusted = method.adjust(p);
    List<HeadToHead> out = new ArrayList<>();
    int k = 0;
    for (HeadToHead h : family) {
      if (h.cases() > 0) {
        out.add(h.withAdjusted(adjusted[k++], method, tested.size()));
      } else {
        out.add(h);
      }
    }
    return out;
  }

  private HeadToHead withAdjusted(double p, PAdjust method, int size) {
    return new HeadToHead(
        a,
        b,
        cases,
        aBetter,
        bBetter,
        ties,
        test,
        pValue,
        alpha,
        casesNeeded,
        note,
        difference,
        p,
        method,
        size,
        clusters);
  }

  /** Pairs the cases that reached a verdict on both sides, by case id. */
  public static HeadToHead of(
      String a,
      Map<String, CaseOutcome> aCases,
      String b,
      Map<String, CaseOutcome> bCases,
      double alpha,
      String note) {
    int cases = 0;
    boolean repeated = false;
    boolean clustered = false;
    List<CaseOutcome> aPaired = new ArrayList<>();
    List<CaseOutcome> bPaired = new ArrayList<>();
    // the units the test counts: each case alone, or each cluster with its cases' fractions summed
    Map<String, double[]> clusters = new LinkedHashMap<>();
    int aBetter = 0;
    int bBetter = 0;
    int alone = 0;
    for (CaseOutcome x : aCases.values()) {
      CaseOutcome y = bCases.get(x.caseId());
      if (y == null || !x.decided() || !y.decided()) {
        continue;
      }
      cases++;
      aPaired.add(x);
      bPaired.add(y);
      repeated |= x.runs() > 1 || y.runs() > 1;
      if (x.cluster() == null) { // alone: counted here, so a run without clusters allocates nothing
        alone++;
        int order = Double.compare(x.fraction(), y.fraction());
        aBetter += order > 0 ? 1 : 0;
        bBetter += order < 0 ? 1 : 0;
      } else {
        clustered = true;
        double[] sums = clusters.computeIfAbsent(x.cluster(), k -> new double[2]);
        sums[0] += x.fraction();
        sums[1] += y.fraction();
      }
    }
    for (double[] sums : clusters.values()) {
      // the same cases on both sides, so comparing sums is comparing mean fractions
      int order = Double.compare(sums[0], sums[1]);
      aBetter += order > 0 ? 1 : 0;
      bBetter += order < 0 ? 1 : 0;
    }
    int counted = alone + clusters.size();
    double p = PairedTests.signTestP(aBetter, bBetter);
    return new HeadToHead(
        a,
        b,
        cases,
        aBetter,
        bBetter,
        counted - aBetter - bBetter,
        clustered
            ? "exact sign test over clusters"
            : repeated ? "exact sign test" : "exact McNemar",
        p,
        alpha,
        PairedTests.casesNeeded(aBetter, bBetter, counted, alpha),
        note,
        PairedDifference.of(aPaired, bPaired),
        p,
        PAdjust.NONE,
        1,
        clustered ? counted : 0);
  }

  /** Whether {@code pAdjusted} is a correction of {@code pValue} over more than one comparison. */
  public boolean adjusted() {
    return adjustment != PAdjust.NONE && family > 1;
  }

  /**
   * The better of the two when the difference is significant at {@code alpha} (by the adjusted p in
   * a family of comparisons), else null.
   */
  public String better() {
    if (pAdjusted >= alpha || aBetter == bBetter) {
      return null;
    }
    return aBetter > bBetter ? a : b;
  }

  public boolean significant() {
    return better() != null;
  }

  /**
   * "A beats B: better on 11 cases, worse on 0 (exact McNemar p = 0.001); A passes 30.6 points more
   * cases than B [+15.2, +46.0]", or "cannot tell A from B on 36 cases ...". In a family of
   * comparisons the p that decides is the adjusted one, and the sentence gives both.
   */
  public String sentence() {
    String text;
    if (cases == 0) {
      text = "cannot compare " + a + " with " + b + ": no case reached a verdict on both";
    } else if (significant()) {
      boolean aWins = better().equals(a);
      text =
          (aWins ? a : b)
              + " beats "
              + (aWins ? b : a)
              + ": better on "
              + units(aWins ? aBetter : bBetter)
              + ", worse on "
              + (aWins ? bBetter : aBetter)
              + " ("
              + pClause()
              + "); "
              + (aWins ? difference.negate().describe(a, b) : difference.describe(b, a));
    } else {
      text =
          "cannot tell "
              + a
              + " from "
              + b
              + " on "
              + cases(cases)
              + (clusters > 0 ? " in " + units(clusters) : "")
              + " ("
              + a
              + " better on "
              + aBetter
              + ", worse on "
              + bBetter
              + "; "
              + pClause()
              + "); "
              + difference.describe(b, a)
              + sizeHint();
    }
    return note == null ? text : text + " [" + note + "]";
  }

  /** "exact McNemar p = 0.004", and ", Holm-adjusted for 3 comparisons p = 0.012" in a family. */
  private String pClause() {
    String raw = test + " " + pText(pValue);
    if (!adjusted()) {
      return raw;
    }
    return raw
        + ", "
        + adjustment.label()
        + "-adjusted for "
        + family
        + " comparisons "
        + pText(pAdjusted);
  }

  private String sizeHint() {
    String unit = clusters > 0 ? "cluster" : "case";
    if (casesNeeded == null) {
      return aBetter == 0
          ? "; they differ on no " + unit + ", so there is no difference to size"
          : "; each is better on as many "
              + unit
              + "s as the other, so there is no difference to size";
    }
    if (casesNeeded <= (clusters > 0 ? clusters : cases)) {
      return "; a difference this size is at the edge of what "
          + units(clusters > 0 ? clusters : cases)
          + " can detect at 80% power";
    }
    return "; about "
        + units(casesNeeded)
        + " would be needed to detect a difference this size at 80% power";
  }

  private static String cases(int n) {
    return n + (n == 1 ? " case" : " cases");
  }

  /** "3 cases", or "3 clusters" when the test counts clusters. */
  private String units(int n) {
    return clusters > 0 ? n + (n == 1 ? " cluster" : " clusters") : cases(n);
  }

  /** The p-value alone, for a table column: "0.031", "< 0.001". */
  public static String pNumber(double p) {
    String t = pText(p);
    return t.startsWith("p = ") ? t.substring(4) : t.substring(2);
  }

  /** "p = 0.031", "p = 0.39", "p = 1": three decimals without trailing zeros; "p < 0.001" below. */
  public static String pText(double p) {
    if (p < 0.0005) {
      return "p < 0.001";
    }
    String s = String.format(Locale.ROOT, "%.3f", p);
    s = s.replaceAll("0+$", "");
    return "p = " + (s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
  }
}
