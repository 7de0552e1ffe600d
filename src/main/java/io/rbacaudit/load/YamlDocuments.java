package io.rbacaudit.load;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import java.util.List;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Splits one file's text into composed YAML documents, one at a time, so a large stream never sits in memory as
 * a whole tree. Syntax errors and exceeded bounds become located problems; the documents before them are kept.
 * Nodes keep their start marks, which is how every object and rule gets its line.
 */
final class YamlDocuments {

  /** Receives each document's root; returns false to stop reading. */
  interface Sink {
    boolean document(Node root);
  }

  static final int MAX_ALIASES = 100;
  static final int MAX_NESTING = 100;
  /** Texts up to this size (characters) may be composed by BlockComposer; see ManifestLoader's read-ahead. */
  static final int FAST_LIMIT = (int) ManifestLoader.PARSE_AHEAD_LIMIT;

  private final LoaderOptions loaderOptions;

  YamlDocuments(LoadOptions options) {
    loaderOptions = loaderOptions(options);
  }

  static LoaderOptions loaderOptions(LoadOptions options) {
    LoaderOptions loaderOptions = new LoaderOptions();
    // Aliases and nesting are bounded so a hostile file (billion laughs, deep nesting) cannot exhaust the JVM.
    loaderOptions.setMaxAliasesForCollections(MAX_ALIASES);
    loaderOptions.setNestingDepthLimit(MAX_NESTING);
    loaderOptions.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, options.maxFileSizeBytes()));
    loaderOptions.setAllowDuplicateKeys(false); // the composer does not check this: DuplicateKeys does
    loaderOptions.setAllowRecursiveKeys(false);
    // Kubernetes' YAML decoder honours merge keys (<<: *base), so the loader must see merged fields too.
    loaderOptions.setMergeOnCompose(true);
    loaderOptions.setProcessComments(false);
    return loaderOptions;
  }

  void read(String file, String text, Sink sink, Consumer<Problem> problems) {
    // A resolver per read: files are parsed on several threads at once (ManifestLoader), and it costs nothing.
    PlainScalarResolver resolver = new PlainScalarResolver();
    // The common block YAML of manifests is composed by BlockComposer, several times faster, into the same nodes;
    // a large text stays with snakeyaml, one document at a time, so its nodes are never all in memory at once.
    List<Node> roots = text.length() <= FAST_LIMIT ? BlockComposer.compose(text, resolver) : null;
    if (roots != null) {
      for (Node root : roots) {
        if (!deliver(file, root, sink, problems)) {
          return;
        }
      }
      return;
    }
    ParserImpl parser = new ParserImpl(new StreamReader(text), loaderOptions);
    Composer composer = new Composer(parser, resolver, loaderOptions);
    Mark documentStart = null;
    try {
      while (composer.checkNode()) {
        // Unmarked errors (exceeded bounds) are reported at the start of the document being composed.
        documentStart = parser.peekEvent().getStartMark();
        Node root = composer.getNode();
        if (root != null && !deliver(file, root, sink, problems)) {
          return;
        }
      }
    } catch (MarkedYAMLException e) {
      problems.accept(syntaxError(file, text, e));
    } catch (ReaderException e) {
      problems.accept(Problem.error(Location.file(file, lineOf(text, e.getPosition())),
          "contains a character that YAML does not allow (code point 0x" + Integer.toHexString(e.getCodePoint())
              + "): is this a binary file? The rest of the file was skipped"));
    } catch (RuntimeException e) {
      // Exceeded bounds (aliases, nesting, code points) are unmarked YAMLExceptions; point at the document.
      int line = documentStart == null ? 0 : documentStart.getLine() + 1;
      problems.accept(Problem.error(Location.file(file, line),
          "could not read this YAML: " + SyntaxMessages.bounded(e) + "; the rest of the file was skipped"));
    }
  }

  /** Passes a document on unless it repeats a key (then reports it); false when the sink wants no more. */
  private static boolean deliver(String file, Node root, Sink sink, Consumer<Problem> problems) {
    DuplicateKeys.Found dup = DuplicateKeys.find(root);
    if (dup != null) {
      problems.accept(duplicateKey(file, dup));
      return true;
    }
    return sink.document(root);
  }

  /** 1-based line of a code point index (close enough with surrogate pairs: this only points at an error). */
  private static int lineOf(String text, int position) {
    int line = 1;
    for (int i = 0; i < position && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static Problem duplicateKey(String file, DuplicateKeys.Found dup) {
    Mark m = dup.second().getStartMark();
    String key = dup.keyName() == null ? "a key" : "key " + NodeReader.quote(dup.keyName());
    return Problem.error(Location.file(file, m.getLine() + 1, m.getColumn() + 1),
        "duplicate " + key + " (also at line " + (dup.first().getStartMark().getLine() + 1)
            + "); Kubernetes rejects duplicate fields: remove one. This document was skipped");
  }

  private static Problem syntaxError(String file, String text, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Location at = mark == null
        ? Location.file(file, 0)
        : Location.file(file, mark.getLine() + 1, mark.getColumn() + 1);
    StringBuilder msg = new StringBuilder("YAML syntax error: ").append(SyntaxMessages.describe(e));
    if (SyntaxMessages.looksLikeHelmTemplate(text, mark, e.getContextMark())) {
      msg.append("; looks like an un-rendered Helm template: run `helm template` first");
    } else {
      msg.append("; fix the indentation or quoting here");
    }
    msg.append(" (documents after this point were not read)");
    return Problem.error(at, msg.toString());
  }
}
