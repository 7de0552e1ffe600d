package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.util.KubeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KUBECONFIG with several files is merged as kubectl merges it. */
class KubeconfigFilesTest {

  @TempDir Path dir;

  private Path file(String name, String current, String cluster, String server, String ca) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "apiVersion: v1\nkind: Config\n" + (current == null ? "" : "current-context: " + current + "\n")
        + "clusters:\n- name: " + cluster + "\n  cluster:\n    server: " + server + "\n    certificate-authority: " + ca
        + "\nusers:\n- name: u-" + cluster + "\n  user:\n    token: t\ncontexts:\n- name: " + cluster
        + "\n  context: {cluster: " + cluster + ", user: u-" + cluster + "}\n");
    return f;
  }

  @Test
  void firstFileSettingCurrentContextWinsAndEveryContextIsAvailable() throws Exception {
    Path a = file("a", null, "alpha", "https://a:6443", "ca-a.crt");
    Path b = file("b", "beta", "beta", "https://b:6443", "/abs/ca-b.crt");
    Path c = file("c", "alpha", "alpha", "https://other:6443", "ca-c.crt");
    KubeConfig merged = KubeconfigFiles.read(List.of(a, dir.resolve("missing"), b, c));
    assertEquals("beta", merged.getCurrentContext());
    assertEquals("https://b:6443", merged.getServer());
    assertTrue(merged.setContext("alpha"));
    assertEquals("https://a:6443", merged.getServer(), "the first entry of a name wins");
    assertEquals(dir.resolve("ca-a.crt").toString(), merged.getCertificateAuthorityFile(),
        "relative paths are relative to the file that names them");
  }

  @Test
  void kubeconfigFlagElseKubeconfigVariableElseHomeConfig() {
    assertEquals(List.of(Path.of("/x")), KubeconfigFiles.locate("/x", "/a:/b", "/home/u"));
    assertEquals(List.of(Path.of("/a"), Path.of("/b")), KubeconfigFiles.locate(null, "/a::/b", "/home/u"));
    assertEquals(List.of(Path.of("/home/u/.kube/config")), KubeconfigFiles.locate(null, "", "/home/u"));
  }

  @Test
  void noKubeconfigAtAllIsAClearError() {
    ClusterException e = assertThrows(ClusterException.class,
        () -> KubeconfigFiles.read(List.of(dir.resolve("nothing"))));
    assertTrue(e.getMessage().contains("no kubeconfig found"), e.getMessage());
  }

  @Test
  void unparsableKubeconfigNeverQuotesItsContent() throws Exception {
    Path f = dir.resolve("broken");
    Files.writeString(f, "users:\n- name: u\n  user: {token: secret-value-123\n");
    ClusterException e = assertThrows(ClusterException.class, () -> KubeconfigFiles.read(List.of(f)));
    assertTrue(!e.getMessage().contains("secret-value-123"), e.getMessage());
  }
}
