package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rbacaudit.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, point 3, through the commands themselves: on generated policies, every subject {@code who-can} lists
 * gets "yes" from {@code can-i}, and every identity of the policies that who-can does not list gets "no".
 * (SemanticPropertiesTest checks the same on the Authorizer over many more cases.)
 */
class QueryAgreementCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void whoCanAndCanIAgreeThroughTheCommandLine() throws Exception {
    int checked = 0;
    for (long seed = 0; seed < 20; seed++) {
      GeneratedPolicies gen = new GeneratedPolicies(1000 + seed);
      Path file = Files.writeString(dir.resolve("p" + seed + ".yaml"),
          GeneratedPolicies.text(GeneratedPolicies.documents(gen.policy())));
      for (int i = 0; i < 4; i++) {
        Request r = gen.request();
        if (!r.isResourceRequest()) {
          continue;
        }
        List<String> request = requestArgs(r);
        JsonNode who = JSON.readTree(run(concat(List.of("who-can"), request, List.of("-o", "json",
            "--defaults", "none", file.toString()))).out);
        Set<String> listed = new HashSet<>();
        for (JsonNode s : who.get("subjects")) {
          List<String> as = asArgs(s.get("kind").asText(), s.get("name").asText(), s.get("namespace").asText());
          listed.add(String.join(" ", as));
          Outcome canI = run(concat(List.of("can-i"), request, as, List.of("--defaults", "none", file.toString())));
          assertEquals(0, canI.exit, "seed " + seed + ": who-can lists " + as + " for " + request + "\n" + canI.out);
          checked++;
        }
        for (String u : GeneratedPolicies.USERS) {
          if (!listed.contains("--as " + u)) {
            Outcome canI = run(concat(List.of("can-i"), request, List.of("--as", u, "--defaults", "none",
                file.toString())));
            assertEquals(1, canI.exit, "seed " + seed + ": who-can omits " + u + " for " + request + "\n"
                + canI.out);
          }
        }
      }
    }
    assertEquals(true, checked > 10, "the generator must make who-can list subjects, got " + checked);
  }

  private static List<String> requestArgs(Request r) {
    List<String> args = new ArrayList<>(List.of(r.verb(), r.name().isEmpty() ? r.resource()
        : r.resource() + "/" + r.name(), "--api-group", r.apiGroup()));
    if (!r.subresource().isEmpty()) {
      args.addAll(List.of("--subresource", r.subresource()));
    }
    args.addAll(r.namespace().isEmpty() ? List.of("-A") : List.of("-n", r.namespace()));
    return args;
  }

  private static List<String> asArgs(String kind, String name, String namespace) {
    return switch (kind) {
      case "User" -> List.of("--as", name);
      case "Group" -> List.of("--as", "probe", "--as-group", name);
      default -> List.of("--as", "system:serviceaccount:" + namespace + ":" + name);
    };
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private record Outcome(int exit, String out) {}

  private static Outcome run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = Cli.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8) + " (args " + args + ")");
  }
}
