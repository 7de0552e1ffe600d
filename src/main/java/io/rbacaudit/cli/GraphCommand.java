package io.rbacaudit.cli;

import io.rbacaudit.graph.AccessGraph;
import io.rbacaudit.graph.GraphExporter;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    name = "graph",
    sortOptions = false,
    description = {
      "Export the whole access and escalation graph: identities, workloads, bindings, roles and targets, with the",
      "permission and grant (file:line) on every edge; for Graphviz (dot), Gephi or yEd (graphml) or a graph database (json)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:error (the graph is still written when the inputs had errors)"})
final class GraphCommand implements Callable<Integer> {

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Manifest files or folders; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--format", required = true, paramLabel = "dot|graphml|json", description = "Export format.")
  GraphExporter.Format format;

  @Option(names = "--output-file", paramLabel = "FILE", description = "Where to write the graph (default: standard output).")
  Path outputFile;

  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    Inventory inventory = source.load(paths, root.stdin, spec.commandLine().getErr());
    AccessGraph graph = AccessGraph.build(inventory, source.authorizer(inventory));
    if (outputFile == null) {
      StringWriter text = new StringWriter();
      GraphExporter.export(graph, format, text);
      spec.commandLine().getOut().print(text);
    } else {
      try (Writer w = new OutputStreamWriter(Files.newOutputStream(outputFile), StandardCharsets.UTF_8)) {
        GraphExporter.export(graph, format, w);
      } catch (IOException e) {
        throw new UserException("cannot write " + outputFile + ": " + e.getMessage());
      }
    }
    return SourceOptions.withLoadErrors(inventory, ExitCode.OK).code();
  }
}
