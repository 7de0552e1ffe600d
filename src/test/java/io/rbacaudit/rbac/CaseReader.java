package io.rbacaudit.rbac;

import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.SemanticCase.AuthorizeCase;
import io.rbacaudit.rbac.SemanticCase.EntryPattern;
import io.rbacaudit.rbac.SemanticCase.GrantExpectation;
import io.rbacaudit.rbac.SemanticCase.Origin;
import io.rbacaudit.rbac.SemanticCase.PermissionsCase;
import io.rbacaudit.rbac.SemanticCase.WhoCanCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .cases} table (format: {@code src/test/resources/semantics/README.md}). Strict: an unknown keyword,
 * a missing description or a malformed value fails with the file and line, so a typo cannot silently turn a case
 * into one that asks nothing.
 */
final class CaseReader {

  /** What a table asks of its fixture, besides the cases. */
  record Table(String story, String defaults, List<SemanticCase> cases) {
    Table {
      cases = List.copyOf(cases);
    }
  }

  private static final Set<String> AUTHORIZE_KEYS = Set.of("user", "groups", "ns", "name", "via", "rule", "from", "grants");
  private static final Set<String> WHO_CAN_KEYS = Set.of("ns", "name");
  private static final Set<String> PERMISSIONS_KEYS = Set.of("user", "groups", "in", "count");
  private static final Set<String> ENTRY_KEYS = Set.of("scope", "verbs", "apiGroups", "resources", "names", "urls");

  private CaseReader() {}

  static Table read(String story, String text) {
    List<SemanticCase> cases = new ArrayList<>();
    String defaults = "none";
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Origin origin = new Origin(story, i + 1, line);
      try {
        if (line.startsWith("@defaults ")) {
          defaults = line.substring("@defaults ".length()).strip();
          if (!Set.of("none", "roles", "all").contains(defaults)) {
            throw new IllegalArgumentException("@defaults takes none, roles or all");
          }
          continue;
        }
        cases.add(parse(origin, line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(origin + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return new Table(story, defaults, cases);
  }

  private static SemanticCase parse(Origin origin, String line) {
    int hash = line.indexOf('#');
    if (hash < 0 || line.substring(hash + 1).isBlank()) {
      throw new IllegalArgumentException("every case needs a '# description' of the behaviour it protects");
    }
    String description = line.substring(hash + 1).strip();
    List<String> tokens = Arrays.asList(line.substring(0, hash).strip().split("\\s+"));
    return switch (tokens.get(0)) {
      case "allow", "deny" -> authorizeCase(origin, description, tokens);
      case "who-can" -> whoCanCase(origin, description, tokens);
      case "permissions" -> permissionsCase(origin, description, tokens);
      default -> throw new IllegalArgumentException("a case starts with allow, deny, who-can or permissions");
    };
  }

  private static AuthorizeCase authorizeCase(Origin origin, String description, List<String> tokens) {
    Parsed p = Parsed.of(tokens.subList(1, tokens.size()), AUTHORIZE_KEYS);
    boolean allowed = tokens.get(0).equals("allow");
    if (!p.keys.containsKey("user")) {
      throw new IllegalArgumentException("user= is required");
    }
    if (!allowed && (p.keys.containsKey("via") || p.keys.containsKey("rule") || p.keys.containsKey("from"))) {
      throw new IllegalArgumentException("a deny case has no grant to describe");
    }
    Optional<GrantExpectation> grant = Optional.empty();
    if (p.keys.containsKey("via") || p.keys.containsKey("rule") || p.keys.containsKey("from")) {
      grant =
          Optional.of(
              new GrantExpectation(
                  p.optional("via"), p.optional("rule").map(Integer::parseInt), p.optional("from")));
    }
    return new AuthorizeCase(
        origin, description, allowed, p.user(), p.request(), grant, p.optional("grants").map(Integer::parseInt));
  }

  private static WhoCanCase whoCanCase(Origin origin, String description, List<String> tokens) {
    int arrow = tokens.indexOf("->");
    if (arrow < 0) {
      throw new IllegalArgumentException("who-can needs '-> SUBJECT...' (or '-> nobody')");
    }
    Parsed p = Parsed.of(tokens.subList(1, arrow), WHO_CAN_KEYS);
    List<String> names = tokens.subList(arrow + 1, tokens.size());
    List<Subject> subjects = new ArrayList<>();
    if (!names.equals(List.of("nobody"))) {
      for (String s : names) {
        subjects.add(subject(s));
      }
    }
    return new WhoCanCase(origin, description, p.request(), subjects);
  }

  private static PermissionsCase permissionsCase(Origin origin, String description, List<String> tokens) {
    int verb = tokens.indexOf("has") >= 0 ? tokens.indexOf("has") : tokens.indexOf("lacks");
    List<String> head = verb < 0 ? tokens.subList(1, tokens.size()) : tokens.subList(1, verb);
    Parsed p = Parsed.of(head, PERMISSIONS_KEYS);
    if (!p.positional.isEmpty()) {
      throw new IllegalArgumentException("unexpected " + p.positional);
    }
    Optional<Integer> count = p.optional("count").map(Integer::parseInt);
    if ((verb < 0) == count.isEmpty()) {
      throw new IllegalArgumentException("permissions needs either 'has ...'/'lacks ...' or count=N");
    }
    Optional<EntryPattern> entry = Optional.empty();
    Optional<Boolean> present = Optional.empty();
    if (verb >= 0) {
      present = Optional.of(tokens.get(verb).equals("has"));
      Parsed e = Parsed.of(tokens.subList(verb + 1, tokens.size()), ENTRY_KEYS);
      entry =
          Optional.of(
              new EntryPattern(
                  e.optional("scope"),
                  e.list("verbs"),
                  e.list("apiGroups"),
                  e.list("resources"),
                  e.list("names"),
                  e.list("urls")));
    }
    return new PermissionsCase(origin, description, p.user(), p.optional("in").orElse(null), present, entry, count);
  }

  /** {@code User/NAME}, {@code Group/NAME} or {@code ServiceAccount/NS/NAME}. */
  static Subject subject(String s) {
    String[] parts = s.split("/", -1);
    return switch (parts[0]) {
      case "User" -> Subject.user(s.substring("User/".length()));
      case "Group" -> Subject.group(s.substring("Group/".length()));
      case "ServiceAccount" -> {
        if (parts.length != 3) {
          throw new IllegalArgumentException("ServiceAccount/NS/NAME expected: " + s);
        }
        yield Subject.serviceAccount(parts[1], parts[2]);
      }
      default -> throw new IllegalArgumentException("unknown subject kind: " + s);
    };
  }

  /** {@code ''} stands for the empty string, so the core group reads {@code ''/pods}. */
  private static String value(String raw) {
    return raw.equals("''") ? "" : raw;
  }

  private static List<String> listValue(String raw) {
    if (raw.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(raw.split(",", -1)).map(CaseReader::value).toList();
  }

  /** The positional tokens (verb, target) and the {@code key=value} ones of one case. */
  private record Parsed(List<String> positional, Map<String, String> keys) {

    static Parsed of(List<String> tokens, Set<String> allowedKeys) {
      List<String> positional = new ArrayList<>();
      Map<String, String> keys = new LinkedHashMap<>();
      for (String t : tokens) {
        int eq = t.indexOf('=');
        if (eq <= 0) {
          positional.add(t);
          continue;
        }
        String key = t.substring(0, eq);
        if (!allowedKeys.contains(key)) {
          throw new IllegalArgumentException("unknown keyword " + key + "= (expected one of " + allowedKeys + ")");
        }
        if (keys.put(key, t.substring(eq + 1)) != null) {
          throw new IllegalArgumentException("duplicate " + key + "=");
        }
      }
      return new Parsed(positional, keys);
    }

    Optional<String> optional(String key) {
      return Optional.ofNullable(keys.get(key)).map(CaseReader::value);
    }

    Optional<List<String>> list(String key) {
      return Optional.ofNullable(keys.get(key)).map(CaseReader::listValue);
    }

    UserInfo user() {
      String name = optional("user").orElseThrow(() -> new IllegalArgumentException("user= is required"));
      return new UserInfo(name, Optional.ofNullable(keys.get("groups")).map(CaseReader::listValue).orElse(List.of()));
    }

    /** VERB TARGET: TARGET is {@code /url} or {@code GROUP/RESOURCE[/SUBRESOURCE]}. */
    Request request() {
      if (positional.size() != 2) {
        throw new IllegalArgumentException("expected VERB TARGET, got " + positional);
      }
      String verb = positional.get(0);
      String target = positional.get(1);
      if (target.startsWith("/")) {
        if (keys.containsKey("ns") || keys.containsKey("name")) {
          throw new IllegalArgumentException("a non-resource request has no namespace or name");
        }
        return Request.nonResource(verb, target);
      }
      String[] parts = target.split("/", 3);
      if (parts.length < 2 || parts[1].isEmpty()) {
        throw new IllegalArgumentException("target must be /URL or GROUP/RESOURCE[/SUB] (core group: '')");
      }
      return Request.resource(
          verb,
          value(parts[0]),
          parts[1],
          parts.length == 3 ? parts[2] : "",
          optional("ns").orElse(""),
          optional("name").orElse(""));
    }
  }
}
