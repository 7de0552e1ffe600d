package io.rbacaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rbac.UserInfo;
import java.util.List;

/**
 * The JSON contract of DESIGN.md section 5, as records: component names are the field names, so renaming one breaks
 * users' scripts. Fields may be added, never renamed.
 */
public final class JsonShapes {

  private JsonShapes() {}

  public record QueryJson(
      String user,
      List<String> groups,
      String verb,
      String apiGroup,
      String resource,
      String subresource,
      String namespace,
      String name,
      String path) {

    public static QueryJson of(UserInfo user, Request r) {
      boolean resource = r.isResourceRequest();
      return new QueryJson(
          user == null ? null : user.name(),
          user == null ? null : user.groups(),
          r.verb(),
          resource ? r.apiGroup() : null,
          resource ? r.resource() : null,
          resource ? r.subresource() : null,
          resource ? r.namespace() : null,
          resource ? r.name() : null,
          r.path());
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LocationJson(String file, Integer line, String context, String uid) {
    public static LocationJson of(Location l) {
      if (l.file() == null) {
        return new LocationJson(null, null, l.context(), l.uid());
      }
      return new LocationJson(l.file(), l.line(), null, null);
    }
  }

  public record RefJson(String kind, String name, String namespace) {
    public static RefJson of(ObjectRef r) {
      return new RefJson(r.kind(), r.name(), r.namespace());
    }
  }

  public record RoleJson(String kind, String name, String namespace, boolean builtIn) {
    public static RoleJson of(RoleId r) {
      return new RoleJson(r.kind().kubeName(), r.name(), r.namespace(), r.builtIn());
    }
  }

  /**
   * A grant. {@code aggregatedFrom} names the ClusterRole that wrote the rule when {@code role} is aggregated; the
   * rule index and location are then that role's.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GrantJson(
      RefJson binding, Boolean bindingBuiltIn, RoleJson role, RoleJson aggregatedFrom, int ruleIndex, LocationJson location) {
    public static GrantJson of(Grant g) {
      return new GrantJson(
          RefJson.of(g.binding()),
          g.bindingBuiltIn(),
          RoleJson.of(g.role()),
          g.aggregated() ? RoleJson.of(g.rule().source()) : null,
          g.ruleIndex(),
          LocationJson.of(g.location()));
    }

    public static List<GrantJson> all(List<Grant> grants) {
      return grants.stream().map(GrantJson::of).toList();
    }
  }

  public record SubjectJson(String kind, String name, String namespace) {
    public static SubjectJson of(Subject s) {
      return new SubjectJson(s.kind().kubeName(), s.name(), s.namespace());
    }
  }

  public record ProblemJson(String level, String file, int line, int column, String message) {
    public static ProblemJson of(Problem p) {
      Location l = p.location();
      String where = l.file() != null ? l.file() : l.toString();
      return new ProblemJson(p.level().name().toLowerCase(java.util.Locale.ROOT), where, l.line(), l.column(), p.message());
    }

    public static List<ProblemJson> all(List<Problem> problems) {
      return problems.stream().map(ProblemJson::of).toList();
    }
  }

  public record CanIJson(boolean allowed, QueryJson query, List<GrantJson> grants, List<ProblemJson> problems) {}

  public record WhoCanSubjectJson(String kind, String name, String namespace, List<GrantJson> grants) {}

  public record WhoCanJson(QueryJson query, List<WhoCanSubjectJson> subjects, List<ProblemJson> problems) {}

  /** The identity asked about: kind/name/namespace as a subject, plus the user name and groups the query used. */
  public record PermissionsSubjectJson(String kind, String name, String namespace, String user, List<String> groups) {}

  public record PermissionRuleJson(
      String namespace,
      List<String> verbs,
      List<String> apiGroups,
      List<String> resources,
      List<String> resourceNames,
      List<String> nonResourceURLs,
      List<GrantJson> grants) {}

  public record PermissionsJson(PermissionsSubjectJson subject, List<PermissionRuleJson> rules, List<ProblemJson> problems) {}

  public record VersionJson(String name, String version, String javaVersion) {}
}
