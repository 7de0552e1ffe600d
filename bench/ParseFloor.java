import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The floor of the benchmark: reads every manifest under the given folders and composes every YAML document with
 * snakeyaml, as the loader does, and nothing else. Run with the jar's classpath (snakeyaml is shaded into it) and
 * the same JVM options as the product, so the difference is what rbac-audit adds on top of parsing.
 */
public final class ParseFloor {
  public static void main(String[] args) throws IOException {
    long documents = 0;
    long files = 0;
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024); // as the loader's default maximum file size
    Yaml yaml = new Yaml(options);
    for (String arg : args) {
      List<Path> paths;
      try (Stream<Path> s = Files.walk(Path.of(arg))) {
        paths = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
      }
      for (Path p : paths) {
        files++;
        for (Node n : yaml.composeAll(new java.io.StringReader(Files.readString(p)))) {
          if (n != null) {
            documents++;
          }
        }
      }
    }
    System.out.println(files + " files, " + documents + " documents composed");
  }
}
