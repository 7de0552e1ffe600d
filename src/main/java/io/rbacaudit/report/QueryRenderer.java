package io.rbacaudit.report;

import static io.rbacaudit.report.TerminalText.safe;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.Decision;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.PermissionEntry;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.SubjectGrants;
import io.rbacaudit.rbac.UserInfo;
import io.rbacaudit.report.JsonShapes.CanIJson;
import io.rbacaudit.report.JsonShapes.GrantJson;
import io.rbacaudit.report.JsonShapes.PermissionRuleJson;
import io.rbacaudit.report.JsonShapes.PermissionsJson;
import io.rbacaudit.report.JsonShapes.PermissionsSubjectJson;
import io.rbacaudit.report.JsonShapes.ProblemJson;
import io.rbacaudit.report.JsonShapes.QueryJson;
import io.rbacaudit.report.JsonShapes.WhoCanJson;
import io.rbacaudit.report.JsonShapes.WhoCanSubjectJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the answers of can-i, who-can and permissions as text (every answer says why: binding, role, rule index,
 * file:line) or as the JSON of DESIGN.md section 5. Everything taken from manifests is made terminal-safe in text.
 */
public final class QueryRenderer {

  private QueryRenderer() {}

  public static String canI(OutputFormat format, UserInfo user, Request request, Decision d, List<Problem> problems) {
    if (format == OutputFormat.JSON) {
      return JsonWriter.write(
          new CanIJson(d.allowed(), QueryJson.of(user, request), GrantJson.all(d.grants()), ProblemJson.all(problems)));
    }
    StringBuilder sb = new StringBuilder(d.allowed() ? "yes\n" : "no\n");
    if (d.allowed()) {
      for (Grant g : d.grants()) {
        sb.append("  ").append(grant(g)).append('\n');
      }
    } else {
      sb.append("  no binding of ")
          .append(identity(user))
          .append(" allows ")
          .append(safe(request.toString()))
          .append('\n');
    }
    if (user.groups().contains("system:masters")) {
      sb.append("  note: the API server allows every request of group system:masters before RBAC is asked;"
          + " this answer is RBAC's alone\n");
    }
    return sb.toString();
  }

  public static String whoCan(OutputFormat format, Request request, List<SubjectGrants> subjects, List<Problem> problems) {
    if (format == OutputFormat.JSON) {
      List<WhoCanSubjectJson> out = new ArrayList<>();
      for (SubjectGrants s : subjects) {
        Subject subject = s.subject();
        out.add(new WhoCanSubjectJson(
            subject.kind().kubeName(), subject.name(), subject.namespace(), GrantJson.all(s.grants())));
      }
      return JsonWriter.write(new WhoCanJson(QueryJson.of(null, request), out, ProblemJson.all(problems)));
    }
    StringBuilder sb = new StringBuilder();
    if (subjects.isEmpty()) {
      return sb.append("No subject can ").append(safe(request.toString())).append(".\n").toString();
    }
    sb.append(subjects.size())
        .append(subjects.size() == 1 ? " subject can " : " subjects can ")
        .append(safe(request.toString()))
        .append(":\n");
    for (SubjectGrants s : subjects) {
      sb.append("  ").append(subject(s.subject())).append('\n');
      for (Grant g : s.grants()) {
        sb.append("      ").append(grant(g)).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * @param subject the identity asked about as a subject (a ServiceAccount for {@code system:serviceaccount:} users)
   */
  public static String permissions(
      OutputFormat format, Subject subject, UserInfo user, List<PermissionEntry> entries, List<Problem> problems) {
    if (format == OutputFormat.JSON) {
      List<PermissionRuleJson> rules = new ArrayList<>();
      for (PermissionEntry e : entries) {
        PolicyRule r = e.rule();
        rules.add(new PermissionRuleJson(e.namespace(), r.verbs(), r.apiGroups(), r.resources(), r.resourceNames(),
            r.nonResourceURLs(), GrantJson.all(e.grants())));
      }
      PermissionsSubjectJson s = new PermissionsSubjectJson(
          subject.kind().kubeName(), subject.name(), subject.namespace(), user.name(), user.groups());
      return JsonWriter.write(new PermissionsJson(s, rules, ProblemJson.all(problems)));
    }
    StringBuilder sb = new StringBuilder("Permissions of ").append(identity(user)).append('\n');
    if (entries.isEmpty()) {
      return sb.append("  none: no binding names this user or its groups\n").toString();
    }
    String scope = "\u0000";
    for (PermissionEntry e : entries) {
      if (!Objects.equals(scope, e.namespace())) {
        scope = e.namespace();
        sb.append('\n')
            .append(scope == null
                ? "Cluster-wide, in every namespace (ClusterRoleBindings):"
                : "In namespace " + safe(scope) + " only (RoleBindings):")
            .append('\n');
      }
      sb.append("  ").append(rule(e.rule())).append('\n');
      for (Grant g : e.grants()) {
        sb.append("      ").append(grant(g)).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code verbs [get list] on pods, deployments.apps named [x]} or {@code verbs [get] on URLs [/healthz]}. */
  static String rule(PolicyRule r) {
    StringBuilder sb = new StringBuilder("verbs ").append(list(r.verbs()));
    if (!r.resources().isEmpty() || r.nonResourceURLs().isEmpty()) {
      List<String> qualified = new ArrayList<>();
      for (String res : r.resources()) {
        for (String g : r.apiGroups().isEmpty() ? List.of("?") : r.apiGroups()) {
          qualified.add(g.isEmpty() ? res : res + "." + g);
        }
      }
      sb.append(" on ").append(list(qualified));
      if (!r.resourceNames().isEmpty()) {
        sb.append(" named ").append(list(r.resourceNames()));
      }
    }
    if (!r.nonResourceURLs().isEmpty()) {
      sb.append(r.resources().isEmpty() ? " on URLs " : " and URLs ").append(list(r.nonResourceURLs()));
    }
    return sb.toString();
  }

  private static String list(List<String> items) {
    List<String> shown = new ArrayList<>(items.size());
    for (String s : items) {
      shown.add(s.isEmpty() ? "\"\"" : safe(s));
    }
    return "[" + String.join(" ", shown) + "]";
  }

  /** {@code RoleBinding/shop/x -> ClusterRole/edit (built-in), rule #2 of ClusterRole/y, at file:line}. */
  public static String grant(Grant g) {
    StringBuilder sb = new StringBuilder(safe(g.binding().toString()));
    if (g.bindingBuiltIn()) {
      sb.append(" (built-in)");
    }
    sb.append(" -> ").append(safe(g.role().toString()));
    sb.append(", rule #").append(g.ruleIndex());
    if (g.aggregated()) {
      sb.append(" of aggregated ").append(safe(g.rule().source().toString()));
    }
    sb.append(" at ").append(safe(g.location().toString()));
    return sb.toString();
  }

  private static String subject(Subject s) {
    return s.kind() == SubjectKind.SERVICE_ACCOUNT
        ? "ServiceAccount " + safe(s.namespace()) + "/" + safe(s.name())
        : s.kind().kubeName() + " " + safe(s.name());
  }

  private static String identity(UserInfo user) {
    return "user " + safe(user.name()) + " (groups: " + (user.groups().isEmpty() ? "none" : safe(String.join(", ", user.groups()))) + ")";
  }
}
