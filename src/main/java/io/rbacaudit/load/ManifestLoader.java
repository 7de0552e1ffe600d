package io.rbacaudit.load;

import io.rbacaudit.concurrent.Workers;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Loads manifest files, folders and standard input into an {@link Inventory}. Bad input never throws: every
 * problem is located and reported, and everything else is still loaded.
 */
public final class ManifestLoader {

  public static final String STDIN = "-";

  private final LoadOptions options;
  private final InputStream stdin;
  private final YamlDocuments yaml;

  public ManifestLoader(LoadOptions options, InputStream stdin) {
    this.options = Objects.requireNonNull(options, "options");
    this.stdin = stdin;
    this.yaml = new YamlDocuments(options);
  }

  /**
   * paths: files, folders (recursive; .yaml .yml .json; sorted for determinism), or "-" for stdin. Never throws
   * for bad input.
   */
  public Inventory load(List<String> paths) {
    InventoryCollector out = new InventoryCollector(options.maxObjects());
    Set<Path> seen = new HashSet<>();
    boolean stdinRead = false;
    for (String given : paths) {
      if (out.full()) {
        break;
      }
      if (STDIN.equals(given)) {
        if (!stdinRead) {
          stdinRead = true;
          readStdin(out);
        }
        continue;
      }
      String display = given.replace('\\', '/');
      Path path;
      try {
        path = Path.of(given);
      } catch (InvalidPathException e) {
        out.problem(Problem.error(Location.file(display, 0), "not a valid path; check the spelling"));
        continue;
      }
      if (Files.isDirectory(path)) {
        List<FileEntry> files = new ArrayList<>();
        new FolderWalk(out, seen).walk(path, trimSlashes(display), files);
        readFiles(files, out);
      } else if (Files.exists(path)) {
        if (firstTime(path, seen)) {
          out.source(display);
          readFile(path, display, out);
        }
      } else {
        out.problem(Problem.error(Location.file(display, 0), "no such file or folder; check the path"));
      }
    }
    return out.build();
  }

  /** For tests: parse one text as if it were a file with that name. */
  public Inventory loadText(String sourceName, String text) {
    InventoryCollector out = new InventoryCollector(options.maxObjects());
    out.source(sourceName);
    parse(sourceName, text, out);
    return out.build();
  }

  private void parse(String file, String text, ObjectSink out) {
    NodeReader reader = new NodeReader(file);
    ObjectDecoder decoder = new ObjectDecoder(options.defaultNamespace(), out);
    yaml.read(file, yamlText(file, text), root -> decoder.document(root, reader), out::problem);
  }

  private static String yamlText(String file, String text) {
    // YAML forbids tabs as indentation, JSON allows them; a raw tab cannot occur inside a JSON string, so every tab
    // in valid JSON is whitespace and a space is equivalent (and keeps every column).
    return isJson(file, text) ? text.replace('\t', ' ') : text;
  }

  /**
   * Reads a folder's files in order, as {@link #readFile} would one after the other, but on all cores: parsing is
   * most of the cost of a load. Worker threads read, compose and decode files ahead (a bounded window), each into a
   * {@link DecodedFile}: model objects and problems, small beside YAML node trees, which die young where they were
   * made. This thread replays each file into the inventory in file order, so the inventory, its problems and the
   * object limit come out exactly as from a sequential read. Files larger than {@link #PARSE_AHEAD_LIMIT} are read
   * here, when their turn comes, one document at a time.
   */
  private void readFiles(List<FileEntry> files, InventoryCollector out) {
    if (!Workers.parallel(files.size())) {
      for (FileEntry f : files) {
        if (out.full()) {
          return;
        }
        out.source(f.display());
        readFile(f.path(), f.display(), out);
      }
      return;
    }
    ExecutorService pool = Workers.pool("parse", files.size());
    int ahead = 2 * Runtime.getRuntime().availableProcessors();
    try {
      Deque<Future<ReadAhead>> window = new ArrayDeque<>();
      int next = 0;
      while (next < files.size() && window.size() < ahead) {
        window.add(submit(pool, files.get(next++)));
      }
      while (!window.isEmpty() && !out.full()) {
        ReadAhead file = Workers.join(window.poll());
        if (next < files.size()) {
          window.add(submit(pool, files.get(next++)));
        }
        replay(file, out);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Future<ReadAhead> submit(ExecutorService pool, FileEntry f) {
    return pool.submit(() -> readAhead(f));
  }

  /** Files up to this size are read ahead on worker threads; larger ones are streamed (few, and rare). */
  static final long PARSE_AHEAD_LIMIT = 4L * 1024 * 1024;

  /** One file read ahead, or (decoded null) one left to stream when its turn comes. */
  private record ReadAhead(FileEntry file, DecodedFile decoded) {}

  private void replay(ReadAhead f, InventoryCollector out) {
    out.source(f.file().display());
    if (f.decoded() == null) {
      readFile(f.file().path(), f.file().display(), out);
    } else {
      f.decoded().replay(out); // false: the object limit stopped it, and the caller's loop ends
    }
  }

  private ReadAhead readAhead(FileEntry f) {
    try {
      if (Files.size(f.path()) > PARSE_AHEAD_LIMIT) {
        return new ReadAhead(f, null); // too large to hold whole: streamed when its turn comes
      }
    } catch (IOException | SecurityException e) {
      return new ReadAhead(f, null); // readFile reports it, in its turn
    }
    DecodedFile decoded = new DecodedFile();
    readFile(f.path(), f.display(), decoded);
    return new ReadAhead(f, decoded);
  }

  /** Reads, decodes and parses one file into {@code out}; the caller names it as a source first. */
  private void readFile(Path path, String display, ObjectSink out) {
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > options.maxFileSizeBytes()) {
        out.problem(tooLarge(display, "file", size));
        return; // never read: a huge file must not exhaust memory
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException | SecurityException e) {
      out.problem(Problem.error(Location.file(display, 0), "cannot read this file (" + reason(e)
          + "); check that it exists and is readable"));
      return;
    }
    if (bytes.length > options.maxFileSizeBytes()) {
      out.problem(tooLarge(display, "file", bytes.length)); // it grew while we looked
      return;
    }
    decodeAndParse(display, bytes, out);
  }

  private void readStdin(InventoryCollector out) {
    out.source(STDIN);
    if (stdin == null) {
      out.problem(Problem.error(Location.file(STDIN, 0), "no standard input to read"));
      return;
    }
    byte[] bytes;
    try {
      int cap = (int) Math.min(options.maxFileSizeBytes() + 1, Integer.MAX_VALUE - 16);
      bytes = stdin.readNBytes(cap);
    } catch (IOException e) {
      out.problem(Problem.error(Location.file(STDIN, 0), "cannot read standard input (" + reason(e) + ")"));
      return;
    }
    if (bytes.length > options.maxFileSizeBytes()) {
      out.problem(tooLarge(STDIN, "standard input", bytes.length));
      return;
    }
    decodeAndParse(STDIN, bytes, out);
  }

  private void decodeAndParse(String display, byte[] bytes, ObjectSink out) {
    TextDecoding.Result text = TextDecoding.decode(bytes);
    if (text.problem() != null) {
      out.problem(Problem.error(Location.file(display, text.line()), text.problem()));
      return;
    }
    parse(display, text.text(), out);
  }

  private Problem tooLarge(String display, String what, long size) {
    return Problem.error(Location.file(display, 0), what + " is " + size + " bytes, more than the limit of "
        + options.maxFileSizeBytes() + " bytes; skipped. Split it or raise the size limit");
  }

  private static boolean isJson(String file, String text) {
    if (file.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    if (!STDIN.equals(file)) {
      return false;
    }
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[');
  }

  static boolean firstTime(Path path, Set<Path> seen) {
    try {
      return seen.add(path.toRealPath());
    } catch (IOException | SecurityException e) {
      return true; // reading it will report the problem
    }
  }

  static String reason(Exception e) {
    String kind = e.getClass().getSimpleName();
    return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.NoSuchFileException ? "no such file" : kind;
  }

  private static String trimSlashes(String display) {
    String d = display;
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }

  record FileEntry(Path path, String display) {}

  /** Walks folders depth-first in name order, following symbolic links but never into a folder twice. */
  private static final class FolderWalk {
    private final InventoryCollector out;
    private final Set<Path> seen;

    FolderWalk(InventoryCollector out, Set<Path> seen) {
      this.out = out;
      this.seen = seen;
    }

    void walk(Path dir, String display, List<FileEntry> files) {
      if (!firstTime(dir, seen)) {
        out.problem(Problem.warning(Location.file(display, 0),
            "folder already read (a symbolic link loop or a second link to it); skipped"));
        return;
      }
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
        stream.forEach(entries::add);
      } catch (IOException | SecurityException e) {
        out.problem(Problem.error(Location.file(display, 0), "cannot list this folder (" + reason(e)
            + "); check that it is readable"));
        return;
      }
      entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String childDisplay = display.endsWith("/") ? display + name : display + "/" + name;
        if (Files.isDirectory(entry)) {
          walk(entry, childDisplay, files);
        } else if (isManifest(name)) {
          if (!Files.isRegularFile(entry)) {
            out.problem(Problem.error(Location.file(childDisplay, 0),
                "cannot read this file (a broken symbolic link or not a regular file); skipped"));
          } else if (firstTime(entry, seen)) {
            files.add(new FileEntry(entry, childDisplay));
          }
        }
      }
    }

    private static boolean isManifest(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }
  }
}
