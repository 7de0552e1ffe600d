package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real API server will not do on demand, from an in-process stand-in: paging with an expired continue token
 * (410), throttling (429) and server errors (5xx).
 */
class ClusterLoaderStandInTest {

  @TempDir Path dir;
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Serves namespaces through {@code namespaces}; every other list is empty. */
  private ClusterLoader standIn(Function<String, Answer> namespaces) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      Answer a = path.equals("/api/v1/namespaces")
          ? namespaces.apply(String.valueOf(ex.getRequestURI().getQuery()))
          : new Answer(200, "{\"metadata\":{},\"items\":[]}");
      reply(ex, a);
    });
    server.start();
    Path kc = dir.resolve("config");
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: s\nclusters:\n- name: s\n  cluster:\n"
        + "    server: http://127.0.0.1:" + server.getAddress().getPort() + "\nusers:\n- name: s\n  user:\n"
        + "    token: t\ncontexts:\n- name: s\n  context: {cluster: s, user: s}\n");
    return ClusterLoader.kubeconfig(kc.toString(), null, Map.of());
  }

  record Answer(int status, String body) {}

  private static void reply(HttpExchange ex, Answer a) throws IOException {
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(a.status(), body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private static Answer page(String cont, String... names) {
    StringBuilder items = new StringBuilder();
    for (String n : names) {
      items.append(items.length() == 0 ? "" : ",").append("{\"metadata\":{\"name\":\"").append(n)
          .append("\",\"uid\":\"uid-").append(n).append("\"}}");
    }
    return new Answer(200, "{\"metadata\":{" + (cont == null ? "" : "\"continue\":\"" + cont + "\"") + "},\"items\":["
        + items + "]}");
  }

  private static List<String> namespaces(Source s) {
    return s.inventory().namespaces().stream().map(n -> n.name()).toList();
  }

  @Test
  void pagesAreFollowedAndAnExpiredContinueTokenRestartsTheList() throws Exception {
    AtomicInteger expired = new AtomicInteger();
    ClusterLoader loader = standIn(q -> {
      assertTrue(q.contains("limit=500"), q);
      if (q.contains("continue=c1") && expired.getAndIncrement() == 0) {
        return new Answer(410, "{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\"}");
      }
      return q.contains("continue=c1") ? page(null, "b") : page("c1", "a");
    });
    Source s = loader.load();
    assertEquals(List.of("a", "b"), namespaces(s), "each object once, after the restart");
    assertEquals(2, expired.get(), "the continue token was used twice: expired once, then again after the restart");
    assertEquals("s", s.inventory().namespaces().get(0).meta().location().context());
    assertEquals("uid-a", s.inventory().namespaces().get(0).meta().location().uid());
  }

  @Test
  void throttlingAndServerErrorsAreRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    ClusterLoader loader = standIn(q -> switch (calls.getAndIncrement()) {
      case 0 -> new Answer(429, "{}");
      case 1 -> new Answer(503, "{}");
      default -> page(null, "a");
    });
    assertEquals(List.of("a"), namespaces(loader.load()));
    assertEquals(3, calls.get());
  }

  @Test
  void aServerErrorThatPersistsIsOneLineNamingTheContext() throws Exception {
    ClusterLoader loader = standIn(q -> new Answer(500, "{\"message\":\"token=abc\"}"));
    ClusterException e = assertThrows(ClusterException.class, loader::load);
    assertTrue(e.getMessage().startsWith("cluster context \"s\" (http://127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 500") && !e.getMessage().contains("token=abc"), e.getMessage());
  }

  @Test
  void aForbiddenListIsAWarningAndMarksTheViewPartial() throws Exception {
    ClusterLoader loader = standIn(q -> new Answer(403, "{\"kind\":\"Status\",\"code\":403}"));
    Source s = loader.load();
    assertTrue(s.partial());
    assertEquals(List.of("namespaces in context s"), s.unreadable());
    assertTrue(s.inventory().problems().get(0).message().startsWith(
        "cannot list namespaces in cluster context s: forbidden; RBAC-601, RBAC-603 are weakened"));
  }

  @Test
  void listsRunInParallelButNeverMoreThanTheBoundAndResultsKeepTheirOrder() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
    server.createContext("/", ex -> {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inFlight.decrementAndGet();
      String path = ex.getRequestURI().getPath();
      // Answered in reverse of the list order by delay would not change the result: it is taken in KINDS order.
      reply(ex, path.equals("/api/v1/namespaces") ? page(null, "a", "b")
          : path.equals("/api/v1/serviceaccounts") ? new Answer(200, "{\"metadata\":{},\"items\":[{\"metadata\":"
              + "{\"name\":\"default\",\"namespace\":\"a\",\"uid\":\"u1\"}}]}")
          : new Answer(200, "{\"metadata\":{},\"items\":[]}"));
    });
    server.start();
    Path kc = dir.resolve("config");
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: s\nclusters:\n- name: s\n  cluster:\n"
        + "    server: http://127.0.0.1:" + server.getAddress().getPort() + "\nusers:\n- name: s\n  user:\n"
        + "    token: t\ncontexts:\n- name: s\n  context: {cluster: s, user: s}\n");

    Source parallel = ClusterLoader.kubeconfig(kc.toString(), null, Map.of()).load();
    assertEquals(ClusterLoader.PARALLEL_LISTS, most.get(), "15 slow lists keep the bound busy, never above it");
    assertEquals(List.of("a", "b"), namespaces(parallel));
    assertEquals(1, parallel.inventory().serviceAccounts().size());

    most.set(0);
    Source sequential = ClusterLoader.kubeconfig(kc.toString(), null, Map.of()).parallelLists(1).load();
    assertEquals(1, most.get());
    assertEquals(parallel.snapshot().items().toString(), sequential.snapshot().items().toString());
  }

  @Test
  void listedResourcesNameEveryListWithItsGroup() {
    List<String> listed = ClusterLoader.listedResources();
    assertEquals(ClusterLoader.KINDS.size(), listed.size());
    assertTrue(listed.contains("/secrets") && listed.contains("rbac.authorization.k8s.io/clusterroles")
        && listed.contains("batch/cronjobs") && listed.contains("apps/deployments"), listed::toString);
  }
}
