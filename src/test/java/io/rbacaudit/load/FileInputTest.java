package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files are read, in which order, and how their names appear in locations. */
class FileInputTest {

  private static final String SA = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: %s}\n";

  @TempDir Path dir;

  @Test
  void foldersAreReadRecursivelyInNameOrderKeepingOnlyManifestExtensions() throws IOException {
    Files.createDirectories(dir.resolve("b/inner"));
    Files.writeString(dir.resolve("b/inner/z.yml"), SA.formatted("bz"));
    Files.writeString(dir.resolve("b/a.json"), "{\"apiVersion\": \"v1\", \"kind\": \"ServiceAccount\", "
        + "\"metadata\": {\"name\": \"ba\"}}");
    Files.writeString(dir.resolve("c.YAML"), SA.formatted("c"));
    Files.writeString(dir.resolve("a.yaml"), SA.formatted("a"));
    Files.writeString(dir.resolve("notes.txt"), "not: [yaml");
    Files.writeString(dir.resolve("kustomize.sh"), "#!/bin/sh");
    Inventory inv = load(dir + "/");
    assertEquals(List.of(), inv.problems());
    assertEquals(List.of("a", "ba", "bz", "c"), inv.serviceAccounts().stream().map(s -> s.name()).toList());
    assertEquals(List.of(dir + "/a.yaml", dir + "/b/a.json", dir + "/b/inner/z.yml", dir + "/c.YAML"),
        inv.sources());
    assertEquals(Location.file(dir + "/b/inner/z.yml", 1), inv.serviceAccounts().get(2).meta().location());
  }

  /**
   * A folder's files are composed on several threads; what comes out must be exactly what reading them one after the
   * other gives (files named one by one are read that way): objects in order, duplicates resolved the same way,
   * every problem in the same order, and the object limit stopping at the same object.
   */
  @Test
  void aFolderReadOnAllCoresEqualsReadingItsFilesOneByOne() throws IOException {
    List<String> files = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String name = "f%02d.yaml".formatted(i);
      String text = switch (i % 8) {
        case 1 -> SA.formatted("sa-" + i) + "---\n" + "kind: [broken\n";
        case 2 -> "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: x}\nmetadata: {name: y}\n";
        case 3 -> SA.formatted("shared"); // defined in several files: the last one wins, with a warning each time
        case 4 -> "apiVersion: v1\nkind: Secret\ntype: Opaque\nmetadata: {name: s" + i + "}\n---\n" + SA.formatted("sa-" + i);
        case 5 -> "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r" + i + "}\nrules: 7\n";
        default -> SA.formatted("sa-" + i) + "---\n" + SA.formatted("sb-" + i);
      };
      Files.writeString(dir.resolve(name), text);
      files.add(dir.resolve(name).toString());
    }
    Files.write(dir.resolve("f99.yaml"), new byte[] {0, 1, 2, (byte) 0xff});
    files.add(dir.resolve("f99.yaml").toString());
    for (int limit : new int[] {LoadOptions.DEFAULT_MAX_OBJECTS, 25}) {
      LoadOptions options = new LoadOptions("default", LoadOptions.DEFAULT_MAX_FILE_SIZE, limit);
      Inventory folder = new ManifestLoader(options, null).load(List.of(dir.toString()));
      Inventory oneByOne = new ManifestLoader(options, null).load(files);
      assertTrue(folder.problems().size() >= 10, folder.problems().toString());
      assertEquals(oneByOne.problems(), folder.problems());
      assertEquals(oneByOne.serviceAccounts(), folder.serviceAccounts());
      assertEquals(oneByOne.secrets(), folder.secrets());
      assertEquals(oneByOne.roles(), folder.roles());
      assertEquals(oneByOne.sources(), folder.sources());
    }
  }

  @Test
  void aFileNamedExplicitlyIsReadWhateverItsExtensionAndKeepsItsNameAsGiven() throws IOException {
    Files.writeString(dir.resolve("manifest.txt"), SA.formatted("t"));
    String given = dir + "/./manifest.txt";
    Inventory inv = load(given);
    assertEquals(List.of(), inv.problems());
    assertEquals(given, inv.serviceAccounts().get(0).meta().location().file());
  }

  @Test
  void relativePathsStayRelative() {
    Inventory inv = load("src/test/resources/corpus/external-dns");
    assertEquals("src/test/resources/corpus/external-dns/external-dns-clusterrole.yaml", inv.sources().get(0));
  }

  @Test
  void theSameFileGivenTwiceIsReadOnce() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), SA.formatted("a"));
    Inventory inv = load(dir.resolve("a.yaml").toString(), dir.toString());
    assertEquals(List.of(), inv.problems());
    assertEquals(1, inv.serviceAccounts().size());
  }

  @Test
  void stdinIsNamedDash() {
    byte[] input = ("# from a pipe\n" + SA.formatted("piped")).getBytes(StandardCharsets.UTF_8);
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), new ByteArrayInputStream(input))
        .load(List.of("-", "-"));
    assertEquals(List.of(), inv.problems());
    assertEquals(List.of("-"), inv.sources());
    assertEquals(Location.file("-", 2), inv.serviceAccounts().get(0).meta().location());
  }

  @Test
  void jsonOnStdinMayBeTabIndented() {
    byte[] input = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Namespace\",\n\t\"metadata\": {\"name\": \"n\"}\n}"
        .getBytes(StandardCharsets.UTF_8);
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), new ByteArrayInputStream(input)).load(List.of("-"));
    assertEquals(List.of(), inv.problems());
    assertEquals(1, inv.namespaces().size());
  }

  @Test
  void aByteOrderMarkIsIgnored() throws IOException {
    Files.write(dir.resolve("bom.yaml"), ("\uFEFF" + SA.formatted("bom")).getBytes(StandardCharsets.UTF_8));
    Inventory inv = load(dir.toString());
    assertEquals(List.of(), inv.problems());
    assertEquals(1, inv.serviceAccounts().size());
  }

  @Test
  void utf16WithAByteOrderMarkIsDecodedAsKubectlDoes() throws IOException {
    // Regression: UTF-16 files (as Windows editors save them) were rejected as "not valid UTF-8 ... binary".
    Files.write(dir.resolve("le.yaml"), ("\uFEFF" + SA.formatted("le")).getBytes(StandardCharsets.UTF_16LE));
    Files.write(dir.resolve("be.yaml"), ("\uFEFF" + SA.formatted("be")).getBytes(StandardCharsets.UTF_16BE));
    Inventory inv = load(dir.toString());
    assertEquals(List.of(), inv.problems());
    assertEquals(2, inv.serviceAccounts().size());
  }

  @Test
  void truncatedUtf16IsOneErrorNamingTheEncoding() throws IOException {
    byte[] text = ("\uFEFF" + SA.formatted("odd")).getBytes(StandardCharsets.UTF_16LE);
    Files.write(dir.resolve("odd.yaml"), java.util.Arrays.copyOf(text, text.length - 1));
    Inventory inv = load(dir.toString());
    assertEquals(1, inv.problems().size(), inv.problems().toString());
    assertTrue(inv.problems().get(0).message().contains("not valid UTF-16LE text"), inv.problems().toString());
  }

  private static Inventory load(String... paths) {
    return new ManifestLoader(LoadOptions.defaults(), null).load(List.of(paths));
  }
}
