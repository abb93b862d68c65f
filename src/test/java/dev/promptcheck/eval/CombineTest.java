package dev.promptcheck.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CombineTest {
  private static final Verdict PASS = new Verdict.Pass("p", "string", 1, "ok");
  private static final Verdict FAIL = new Verdict.Fail("f", "string", 0, "no");
  private static final Verdict ERROR = new Verdict.Error("e", "llm", "judge down");
  private static final Verdict SKIP = new Verdict.Skipped("s", "python", "cannot run");

  @Test
  void aCasePassesOnlyWhenEveryCheckThatRanPassed() {
    assertThat(Verdict.combine(List.of(PASS, SKIP))).isEqualTo(Status.PASS);
    assertThat(Verdict.combine(List.of(PASS, FAIL, ERROR))).isEqualTo(Status.FAIL);
    assertThat(Verdict.combine(List.of(PASS, ERROR))).isEqualTo(Status.ERROR);
  }

  @Test
  void skippedChecksAloneNeverMakeACasePass() {
    assertThat(Verdict.combine(List.of(SKIP, SKIP))).isEqualTo(Status.SKIPPED);
  }
}
