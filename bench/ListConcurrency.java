import com.sun.net.httpserver.HttpServer;
import io.rbacaudit.load.ClusterLoader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * What concurrent lists buy when each API call costs a round trip: an in-process stand-in answers every list page
 * after DELAY_MS (a remote API server's latency, not its work), PAGES pages per kind, and ClusterLoader reads it with
 * 1, 2, 4 and 8 lists at once. The loopback measure of bench/live.sh cannot show this: there the round trip is ~0 and
 * the API server competes with the client for the same 2 cores.
 *
 *   java -cp target/rbac-audit.jar bench/ListConcurrency.java [DELAY_MS] [PAGES]
 */
public class ListConcurrency {

  public static void main(String[] args) throws Exception {
    int delay = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int pages = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(32);
    server.setExecutor(threads);
    server.createContext("/", ex -> {
      String q = String.valueOf(ex.getRequestURI().getQuery());
      int page = q.contains("continue=") ? Integer.parseInt(q.replaceAll(".*continue=(\\d+).*", "$1")) : 1;
      String cont = page < pages ? "\"continue\":\"" + (page + 1) + "\"" : "";
      byte[] body = ("{\"metadata\":{" + cont + "},\"items\":[]}").getBytes(StandardCharsets.UTF_8);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    Path kc = Files.createTempFile("list-concurrency", ".kubeconfig");
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: s\nclusters:\n- name: s\n  cluster:\n"
        + "    server: http://127.0.0.1:" + server.getAddress().getPort() + "\nusers:\n- name: s\n  user:\n"
        + "    token: t\ncontexts:\n- name: s\n  context: {cluster: s, user: s}\n");
    int lists = ClusterLoader.listedResources().size();
    System.out.printf("%d lists x %d pages, %d ms per call:%n", lists, pages, delay);
    for (int n : new int[] {1, 2, 4, 8}) {
      ClusterLoader.kubeconfig(kc.toString(), null, Map.of()).parallelLists(n).load(); // warm-up
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        ClusterLoader.kubeconfig(kc.toString(), null, Map.of()).parallelLists(n).load();
        best = Math.min(best, (System.nanoTime() - t) / 1_000_000);
      }
      System.out.printf("  %d at once: %d ms (best of 3)%n", n, best);
    }
    server.stop(0);
    threads.shutdown();
    Files.delete(kc);
  }
}
