package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our authorizer against answers recorded from a real kube-apiserver v1.20.2 (src/test/resources/oracle/README.md).
 * Each scenario's YAML is loaded with the manifest loader plus all Kubernetes defaults (roles and bindings), and
 * every recorded SubjectAccessReview answer must be ours too. Every disagreement of a scenario is reported at once.
 */
class OracleAgreementTest {

  private static final String ALLOWED = "allowed";
  private static final String DENIED = "denied";

  /** One recorded query and the real server's answer. */
  record OracleCase(int line, boolean allowed, UserInfo user, Request request) {
    /** The query in words, every field named, so a disagreement can be read without the file. */
    String describe() {
      String who = "user=" + quote(user.name()) + " groups=" + user.groups();
      if (!request.isResourceRequest()) {
        return who + " verb=" + quote(request.verb()) + " path=" + quote(request.path());
      }
      return who + " verb=" + quote(request.verb()) + " apiGroup=" + quote(request.apiGroup())
          + " resource=" + quote(request.resource()) + " subresource=" + quote(request.subresource())
          + " namespace=" + quote(request.namespace()) + " name=" + quote(request.name());
    }

    private static String quote(String s) {
      return '"' + s + '"';
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedAnswerIsOurs() {
    return scenarios().stream()
        .map(yaml -> DynamicTest.dynamicTest(yaml.getFileName().toString(), () -> checkScenario(yaml)));
  }

  @Test
  void theOracleIsComplete() {
    List<Path> scenarios = scenarios();
    int cases = 0;
    int allowed = 0;
    for (Path yaml : scenarios) {
      List<OracleCase> list = readCases(casesFile(yaml));
      assertTrue(!list.isEmpty(), yaml + " has no cases");
      cases += list.size();
      allowed += (int) list.stream().filter(OracleCase::allowed).count();
    }
    assertTrue(scenarios.size() >= 30, "expected at least 30 scenarios, found " + scenarios.size());
    assertTrue(cases >= 1500, "expected at least 1500 cases, found " + cases);
    assertTrue(allowed * 100 >= cases * 40, "expected at least 40% allowed, found " + allowed + " of " + cases);
  }

  private static void checkScenario(Path yamlFile) throws IOException {
    String name = yamlFile.getFileName().toString();
    String yaml = Files.readString(yamlFile, StandardCharsets.UTF_8);
    Inventory loaded =
        new ManifestLoader(LoadOptions.defaults(), InputStream.nullInputStream()).loadText(name, yaml);
    Inventory inventory = KubernetesDefaults.apply(loaded, DefaultsMode.ALL);
    Authorizer authorizer = new Authorizer(inventory);

    List<String> problems = new ArrayList<>();
    for (Problem p : loaded.problems()) {
      if (p.isError()) {
        problems.add("loader error (the real API server accepted every object in this file): " + p);
      }
    }
    Path casesFile = casesFile(yamlFile);
    List<OracleCase> cases = readCases(casesFile);
    int disagreements = 0;
    for (OracleCase c : cases) {
      boolean ours = authorizer.authorize(c.user(), c.request()).allowed();
      if (ours != c.allowed()) {
        disagreements++;
        problems.add(String.format("%s:%d: server %s, we %s: %s",
            casesFile.getFileName(), c.line(), word(c.allowed()), word(ours), c.describe()));
      }
    }
    if (!problems.isEmpty()) {
      fail(name + ": " + disagreements + " of " + cases.size() + " recorded answers differ from ours"
          + (problems.size() > disagreements ? ", " + (problems.size() - disagreements) + " loader errors" : "")
          + "\n  " + String.join("\n  ", problems));
    }
  }

  private static String word(boolean allowed) {
    return allowed ? ALLOWED : DENIED;
  }

  /** {@code -} stands for an empty field. */
  private static String field(String s) {
    return s.equals("-") ? "" : s;
  }

  static List<OracleCase> readCases(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<OracleCase> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String where = file.getFileName() + ":" + (i + 1);
      if (f.length < 6 || !(f[0].equals(ALLOWED) || f[0].equals(DENIED))) {
        throw new IllegalStateException(where + ": malformed case line: " + line);
      }
      List<String> groups = f[2].equals("-") ? List.of() : Arrays.asList(f[2].split(",", -1));
      UserInfo user = new UserInfo(f[1], groups);
      Request request;
      if (f[4].equals("URL")) {
        if (f.length != 6) {
          throw new IllegalStateException(where + ": a non-resource case has 6 fields: " + line);
        }
        request = Request.nonResource(f[3], f[5]);
      } else {
        if (f.length != 9) {
          throw new IllegalStateException(where + ": a resource case has 9 fields: " + line);
        }
        request = Request.resource(f[3], field(f[4]), f[5], field(f[6]), field(f[7]), field(f[8]));
      }
      out.add(new OracleCase(i + 1, f[0].equals(ALLOWED), user, request));
    }
    return out;
  }

  private static Path casesFile(Path yaml) {
    String n = yaml.getFileName().toString();
    return yaml.resolveSibling(n.substring(0, n.length() - ".yaml".length()) + ".cases");
  }

  static List<Path> scenarios() {
    URL url = OracleAgreementTest.class.getResource("/oracle");
    if (url == null) {
      throw new IllegalStateException("no oracle folder on the test class path (src/test/resources/oracle)");
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files
          .filter(p -> p.getFileName().toString().matches("scenario-\\d+\\.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
