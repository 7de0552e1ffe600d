package io.rbacaudit.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process API server stand-in for CLI tests: answers the collector's list calls from objects given as JSON,
 * every other list empty, and a chosen status for a token it does not know (401).
 */
final class StandInCluster implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, List<String>> items = new LinkedHashMap<>();

  StandInCluster(String token) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String body;
      int status;
      if (!("Bearer " + token).equals(auth)) {
        status = 401;
        body = "{\"kind\":\"Status\",\"code\":401}";
      } else {
        status = 200;
        body = "{\"metadata\":{},\"items\":[" + String.join(",", items.getOrDefault(ex.getRequestURI().getPath(),
            List.of())) + "]}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
  }

  /** Adds an object (JSON) to the list at {@code path}, e.g. /apis/rbac.authorization.k8s.io/v1/clusterroles. */
  StandInCluster with(String path, String json) {
    items.computeIfAbsent(path, k -> new ArrayList<>()).add(json);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }


  /** A kubeconfig with one context per {name, server, token}; the first is current. */
  static String kubeconfig(String[]... contexts) {
    StringBuilder clusters = new StringBuilder("clusters:\n");
    StringBuilder users = new StringBuilder("users:\n");
    StringBuilder ctx = new StringBuilder("contexts:\n");
    for (String[] c : contexts) {
      clusters.append("- name: ").append(c[0]).append("\n  cluster:\n    server: ").append(c[1]).append('\n');
      users.append("- name: ").append(c[0]).append("\n  user:\n    token: ").append(c[2]).append('\n');
      ctx.append("- name: ").append(c[0]).append("\n  context: {cluster: ").append(c[0]).append(", user: ")
          .append(c[0]).append("}\n");
    }
    return "apiVersion: v1\nkind: Config\ncurrent-context: " + contexts[0][0] + "\n" + clusters + users + ctx;
  }
}
