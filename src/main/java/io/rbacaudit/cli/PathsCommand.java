package io.rbacaudit.cli;

import io.rbacaudit.graph.AccessGraph;
import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathFinder;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.report.PathsRenderer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "paths",
    sortOptions = false,
    description = {
      "Privilege-escalation paths to cluster-admin equivalence (or to a subject), fewest hops first, each hop with",
      "the permission that makes it and the binding, role and rule that grant it (spec/escalation.md).",
      "Without --from: from every ServiceAccount a workload runs as, system:authenticated and system:anonymous."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (whether or not a path exists)", "2:error (paths are still printed when the inputs had errors)"})
final class PathsCommand implements Callable<Integer> {

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Manifest files or folders; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--from", paramLabel = "SUBJECT", description = "User/NAME, Group/NAME or ServiceAccount/NS/NAME (kind case-insensitive, sa accepted).")
  String from;

  @Option(names = "--to", paramLabel = "TARGET", description = "cluster-admin (default), node-access, all-secrets or a SUBJECT.")
  String to = "cluster-admin";

  @Option(names = "--max-depth", paramLabel = "N", description = "Longest path searched, in hops (default: ${DEFAULT-VALUE}).")
  int maxDepth = 6;

  @Option(names = "--max-paths", paramLabel = "N", description = "Paths shown per starting subject (default: ${DEFAULT-VALUE}).")
  int maxPaths = 3;

  @Mixin SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json|dot", description = "Output format (default: ${DEFAULT-VALUE}).")
  PathsRenderer.Format output = PathsRenderer.Format.TEXT;

  @Override
  public Integer call() {
    if (maxDepth < 1 || maxPaths < 1) {
      throw new UserException("--max-depth and --max-paths must be at least 1");
    }
    Subject start = from == null ? null : SubjectArgument.parse(from, "--from");
    Vertex target = SubjectArgument.target(to);
    Inventory inventory = source.load(paths, root.stdin, spec.commandLine().getErr());
    List<Subject> extra = new ArrayList<>();
    if (start != null) {
      extra.add(start);
    }
    if (target instanceof Vertex.Identity id) {
      extra.add(id.subject());
    }
    AccessGraph graph = AccessGraph.build(inventory, source.authorizer(inventory), extra);
    PathFinder finder = PathFinder.to(graph, target, maxDepth);
    List<Subject> starts = start != null ? List.of(start) : graph.startingPoints();
    List<List<EscalationPath>> found = new ArrayList<>();
    for (Subject s : starts) {
      List<EscalationPath> p = finder.paths(s, maxPaths);
      if (!p.isEmpty()) {
        found.add(p);
      }
    }
    found.sort(Comparator.comparingInt(p -> p.get(0).hopCount())); // stable: subjects stay sorted within a length
    List<EscalationPath> all = found.stream().flatMap(List::stream).toList();
    spec.commandLine().getOut().print(
        PathsRenderer.render(output, start, target, maxDepth, maxPaths, all, inventory.problems()));
    return SourceOptions.withLoadErrors(inventory, ExitCode.OK).code();
  }
}
