package io.rbacaudit.cli;

import io.rbacaudit.rbac.RequestParser;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.report.TerminalText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The request (VERB TYPE) with its scope and group flags, and the inputs, shared by can-i and who-can (kubectl auth can-i's). */
final class RequestOptions {

  @Parameters(index = "0", paramLabel = "VERB", description = "get, list, create, impersonate, ... or *")
  String verb;

  @Parameters(index = "1", paramLabel = "TYPE", description = "TYPE[.GROUP][/NAME] (pods, deployments.apps/web, *) or /NON/RESOURCE/URL")
  String type;

  @Parameters(index = "2..*", paramLabel = "PATH", description = "Manifest files or folders; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace of the request (default: default).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "All namespaces: a request with an empty namespace.")
  boolean allNamespaces;

  @Option(
      names = "--api-group",
      paramLabel = "G",
      description = "API group of TYPE ('' for core): skips the resource table and takes TYPE exactly as written.")
  String apiGroup;

  @Option(names = "--subresource", paramLabel = "S", description = "Subresource, e.g. exec, log, status, token.")
  String subresource;

  RequestParser.Parsed parse(PrintWriter err) {
    RequestParser.Parsed parsed;
    try {
      parsed = RequestParser.parse(verb, type, apiGroup, subresource, namespace, allNamespaces, ResourceTable.standard());
    } catch (io.rbacaudit.rbac.RequestSyntaxException e) {
      throw new UserException(e.getMessage());
    }
    if (parsed.note() != null) {
      err.println("rbac-audit: note: " + TerminalText.safe(parsed.note()));
    }
    return parsed;
  }
}
