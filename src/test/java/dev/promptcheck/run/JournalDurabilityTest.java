package dev.promptcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.promptcheck.eval.Status;
import dev.promptcheck.result.TrialResult;
import dev.promptcheck.result.Trials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's write side: every line reaches the OS at once and the disk in groups. */
class JournalDurabilityTest {
  @TempDir Path dir;

  private static List<TrialResult> trials(int n) {
    Trials t = Trials.create();
    for (int i = 0; i < n; i++) {
      t.add("openai:m", "c" + i, 0, Status.PASS);
    }
    return t.list();
  }

  @Test
  void linesAreForcedToDiskWithinTheIntervalWithoutOneSyncPerLine() throws Exception {
    List<TrialResult> trials = trials(50);
    try (Journal journal = Journal.open(dir)) {
      for (TrialResult t : trials) {
        journal.append(t);
      }
      // each line is with the OS at once (a kill -9 loses none)
      assertThat(Files.readAllLines(dir.resolve(Journal.FILE))).hasSize(50);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (journal.syncs() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(journal.syncs()).as("forced by the background flusher").isBetween(1L, 49L);
    }
    assertThat(Journal.read(dir).results()).hasSize(50);
  }

  @Test
  void aWorkerInterruptedWhileWritingLeavesTheJournalOpenForTheOthers() throws Exception {
    List<TrialResult> trials = trials(2);
    try (Journal journal = Journal.open(dir)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread interrupted =
          new Thread(
              () -> {
                Thread.currentThread().interrupt(); // as shutdownNow() does to a worker
                try {
                  journal.append(trials.get(0));
                } catch (RuntimeException e) {
                  failure.set(e);
                }
              });
      interrupted.start();
      interrupted.join();
      journal.append(trials.get(1));
      assertThat(failure.get()).isNull();
    }
    assertThat(Journal.read(dir).results()).hasSize(2);
  }
}
