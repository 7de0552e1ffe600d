package io.rbacaudit.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds rule folders: in the jar, through the index the build writes ({@code rules/index.txt}: every file under
 * the repository's {@code rules/}, one relative path a line), or under a folder on disk, where every folder that
 * holds a {@code rule.yaml} is a rule folder, at any depth.
 */
final class RuleFolderReader {

  static final String CLASSPATH_ROOT = "/rules/";
  static final String INDEX = "index.txt";
  static final String BUILTIN_PREFIX = "builtin:rules/";
  private static final long MAX_RULE_FILE = 256 * 1024;
  private static final int MAX_DEPTH = 8;

  /** The folders found, and what stopped others from being read. */
  record Scan(List<RuleFolder> folders, List<String> problems) {
    Scan {
      folders = List.copyOf(folders);
      problems = List.copyOf(problems);
    }
  }

  private RuleFolderReader() {}

  /** The built-in rules packaged in the jar. */
  static Scan classpath() {
    String index = resource(INDEX);
    if (index == null) {
      throw new IllegalStateException("the built-in rules index " + CLASSPATH_ROOT + INDEX
          + " is missing from the classpath: rebuild with mvn package");
    }
    Map<String, List<String>> filesByFolder = new TreeMap<>();
    for (String line : index.split("\n")) {
      String[] parts = line.strip().split("/");
      if (parts.length == 3) {
        filesByFolder.computeIfAbsent(parts[0] + "/" + parts[1], k -> new ArrayList<>()).add(parts[2]);
      }
    }
    List<RuleFolder> folders = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    filesByFolder.forEach((folder, files) -> {
      String path = BUILTIN_PREFIX + folder;
      if (!files.contains(RuleFolder.RULE_FILE)) {
        problems.add(path + ": no " + RuleFolder.RULE_FILE + " in this rule folder");
        return;
      }
      String text = resource(folder + "/" + RuleFolder.RULE_FILE);
      if (text == null) {
        problems.add(path + ": listed in the index but not in the jar: rebuild with mvn package");
        return;
      }
      String[] parts = folder.split("/");
      folders.add(new RuleFolder(path, parts[0], parts[1], files, text, true));
    });
    return new Scan(folders, problems);
  }

  /**
   * Every rule folder under {@code root}, in path order.
   *
   * @param display how {@code root} appears in messages
   * @param builtIn whether these are the built-in rules (the tests read the repository's {@code rules/} this way)
   */
  static Scan directory(Path root, String display, boolean builtIn) {
    List<RuleFolder> folders = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String shown = display.replace('\\', '/').replaceAll("/+$", "");
    if (!Files.isDirectory(root)) {
      problems.add(shown + ": no such folder; --rules takes a folder of rule folders (each holding a rule.yaml)");
      return new Scan(folders, problems);
    }
    List<Path> ruleFiles;
    try (Stream<Path> walk = Files.walk(root, MAX_DEPTH)) {
      ruleFiles = walk.filter(p -> p.getFileName().toString().equals(RuleFolder.RULE_FILE))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException | SecurityException e) {
      problems.add(shown + ": cannot list this folder (" + e.getClass().getSimpleName() + "); check that it is readable");
      return new Scan(folders, problems);
    }
    if (ruleFiles.isEmpty()) {
      problems.add(shown + ": no rule folders here (a rule folder holds a rule.yaml and its fixtures)");
    }
    for (Path ruleFile : ruleFiles) {
      Path folder = ruleFile.getParent();
      String rel = root.relativize(folder).toString().replace('\\', '/');
      String path = rel.isEmpty() ? shown : shown + "/" + rel;
      try {
        if (Files.size(ruleFile) > MAX_RULE_FILE) {
          problems.add(path + "/" + RuleFolder.RULE_FILE + ": larger than " + MAX_RULE_FILE + " bytes; not a rule file");
          continue;
        }
        List<String> files;
        try (Stream<Path> list = Files.list(folder)) {
          files = list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        }
        String text = Files.readString(ruleFile, StandardCharsets.UTF_8);
        Path parent = folder.getParent();
        String parentName = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        folders.add(new RuleFolder(path, parentName, folder.getFileName().toString(), files, text, builtIn));
      } catch (IOException | UncheckedIOException | SecurityException e) {
        problems.add(path + "/" + RuleFolder.RULE_FILE + ": cannot read (" + e.getClass().getSimpleName()
            + "); check that it is readable UTF-8 text");
      }
    }
    return new Scan(folders, problems);
  }

  private static String resource(String relative) {
    try (InputStream in = RuleFolderReader.class.getResourceAsStream(CLASSPATH_ROOT + relative)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
