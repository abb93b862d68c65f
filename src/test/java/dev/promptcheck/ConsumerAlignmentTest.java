package dev.promptcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A project that depends on promptcheck gets the Jackson it was built and tested with. Maven 3 does
 * not apply a dependency's own dependencyManagement (our jackson-bom import) to what it brings in
 * turn: a consumer takes the nearest declaration, so every Jackson module promptcheck runs with is
 * declared in pom.xml itself (depth 2 for the consumer, the pinned version), and the dependencies
 * that would bring another Jackson version exclude it, so no other version is even in the
 * consumer's graph (an offline build would need its POM).
 */
class ConsumerAlignmentTest {
  private static final Pattern JACKSON_JAR =
      Pattern.compile(
          "(.*)[/\\\\]com[/\\\\]fasterxml[/\\\\]jackson[/\\\\]([^/\\\\]+)[/\\\\]([^/\\\\]+)"
              + "[/\\\\]([^/\\\\]+)[/\\\\][^/\\\\]+\\.jar");

  private static Document pom;
  private static String pinned;
  private static Path localRepository;

  /** groupId:artifactId to the versions of it on the class path. */
  private static final Map<String, TreeSet<String>> onClassPath = new TreeMap<>();

  @BeforeAll
  static void readPomAndClassPath() throws Exception {
    pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    pinned =
        managed().stream()
            .filter(d -> text(d, "artifactId").equals("jackson-bom"))
            .map(d -> text(d, "version"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("pom.xml imports no jackson-bom"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Matcher m = JACKSON_JAR.matcher(entry);
      if (m.matches()) {
        localRepository = Path.of(m.group(1));
        onClassPath
            .computeIfAbsent(
                "com.fasterxml.jackson." + m.group(2) + ":" + m.group(3), k -> new TreeSet<>())
            .add(m.group(4));
      }
    }
    assertThat(onClassPath).as("Jackson artifacts on the class path").isNotEmpty();
  }

  /** jackson-annotations is versioned by major.minor since 2.20 (2.22 with the 2.22.x bom). */
  private static String pinnedVersionOf(String artifact) {
    return artifact.endsWith(":jackson-annotations")
        ? pinned.substring(0, pinned.lastIndexOf('.'))
        : pinned;
  }

  @Test
  void everyJacksonArtifactOnTheClassPathHasOneVersionThePinnedOne() {
    onClassPath.forEach(
        (artifact, versions) ->
            assertThat(versions).as(artifact).containsExactly(pinnedVersionOf(artifact)));
  }

  @Test
  void everyJacksonArtifactOnTheClassPathIsDeclaredSoAConsumerGetsThePinnedVersion() {
    List<String> declared = new ArrayList<>();
    for (Element d : dependencies()) {
      String scope = text(d, "scope");
      if (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime")) {
        declared.add(text(d, "groupId") + ":" + text(d, "artifactId"));
      }
    }
    assertThat(declared).containsAll(onClassPath.keySet());
  }

  /**
   * Each dependency whose own POM asks for a Jackson artifact at another version excludes it: the
   * consumer's graph then holds the pinned version only.
   */
  @Test
  void dependenciesThatBringAnotherJacksonVersionExcludeIt() throws Exception {
    List<String> missing = new ArrayList<>();
    for (Element d : dependencies()) {
      String group = text(d, "groupId");
      String scope = text(d, "scope");
      if (group.startsWith("com.fasterxml.jackson") || scope.equals("test")) {
        continue;
      }
      String artifact = text(d, "artifactId");
      String version = versionOf(d);
      Path theirs =
          localRepository
              .resolve(group.replace('.', '/'))
              .resolve(artifact)
              .resolve(version)
              .resolve(artifact + "-" + version + ".pom");
      if (!Files.isRegularFile(theirs)) {
        continue; // not in the local repository: nothing of it is on the class path either
      }
      Document their =
          DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(theirs.toFile());
      for (Element j : children(their.getDocumentElement(), "dependencies", "dependency")) {
        String jGroup = text(j, "groupId");
        String jScope = text(j, "scope");
        if (!jGroup.startsWith("com.fasterxml.jackson")
            || jScope.equals("test")
            || jScope.equals("provided")
            || text(j, "optional").equals("true")) {
          continue;
        }
        String jArtifact = jGroup + ":" + text(j, "artifactId");
        String jVersion = property(their, text(j, "version"));
        if (!jVersion.equals(pinnedVersionOf(jArtifact))
            && !excludes(d, jGroup, text(j, "artifactId"))) {
          missing.add(group + ":" + artifact + " brings " + jArtifact + ":" + jVersion);
        }
      }
    }
    assertThat(missing).as("Jackson of another version, not excluded").isEmpty();
  }

  /** The README's dependency block names what `mvn install` puts into the local repository. */
  @Test
  void theReadmeGivesThisPomsCoordinates() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Element project = pom.getDocumentElement();
    assertThat(readme)
        .contains(
            "<dependency>\n  <groupId>"
                + text(project, "groupId")
                + "</groupId>\n  <artifactId>"
                + text(project, "artifactId")
                + "</artifactId>\n  <version>"
                + text(project, "version")
                + "</version>")
        .contains("mvn -B -q install -DskipTests");
  }

  private static boolean excludes(Element dependency, String group, String artifact) {
    for (Element e : children(dependency, "exclusions", "exclusion")) {
      String g = text(e, "groupId");
      String a = text(e, "artifactId");
      if ((g.equals("*") || g.equals(group)) && (a.equals("*") || a.equals(artifact))) {
        return true;
      }
    }
    return false;
  }

  /** The version pom.xml gives {@code d}: its own, or the one its BOM import manages. */
  private static String versionOf(Element d) {
    String own = text(d, "version");
    if (!own.isEmpty()) {
      return property(pom, own);
    }
    String group = text(d, "groupId");
    String artifact = text(d, "artifactId");
    Optional<String> direct =
        managed().stream()
            .filter(m -> text(m, "groupId").equals(group) && text(m, "artifactId").equals(artifact))
            .map(m -> property(pom, text(m, "version")))
            .findFirst();
    // a BOM of the same group (langchain4j-bom) manages its modules at the BOM's version
    return direct.orElseGet(
        () ->
            managed().stream()
                .filter(m -> text(m, "groupId").equals(group) && text(m, "scope").equals("import"))
                .map(m -> property(pom, text(m, "version")))
                .findFirst()
                .orElse(""));
  }

  private static String property(Document doc, String value) {
    if (!value.startsWith("${")) {
      return value;
    }
    String name = value.substring(2, value.length() - 1);
    for (Element p : children(doc.getDocumentElement(), "properties")) {
      for (Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getTagName().equals(name)) {
          return e.getTextContent().trim();
        }
      }
    }
    return value;
  }

  private static List<Element> dependencies() {
    return children(pom.getDocumentElement(), "dependencies", "dependency");
  }

  private static List<Element> managed() {
    return children(pom.getDocumentElement(), "dependencyManagement", "dependencies", "dependency");
  }

  /** The elements at {@code path} under {@code from}, child by child. */
  private static List<Element> children(Element from, String... path) {
    List<Element> level = List.of(from);
    for (String name : path) {
      List<Element> next = new ArrayList<>();
      for (Element e : level) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
          if (nodes.item(i) instanceof Element c && c.getTagName().equals(name)) {
            next.add(c);
          }
        }
      }
      level = next;
    }
    return level;
  }

  private static String text(Element e, String child) {
    List<Element> c = children(e, child);
    return c.isEmpty() ? "" : c.get(0).getTextContent().trim();
  }
}
