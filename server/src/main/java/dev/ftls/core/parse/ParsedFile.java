package dev.ftls.core.parse;

import dev.ftls.core.source.SourceText;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * A parsed file: the CDT AST of the file alone (headers contribute their macros, not their
 * declarations), and where its headers came from.
 *
 * @param includeSource e.g. "compile_commands.json + python3-config" or "prelude"
 * @param pythonHeaders whether real Python headers were found (else only the prelude is used)
 * @param preambleReused whether the headers' macros came from the cache
 * @param notes includes that were skipped on purpose (not a regular file, too large), one
 *     sentence each; the same whether the headers' macros came from the cache or not
 * @param headerMacros the macros the headers define, with what is derived from them (the same
 *     object while the cached preamble is reused)
 */
public record ParsedFile(
    SourceText source,
    IASTTranslationUnit ast,
    String includeSource,
    boolean pythonHeaders,
    boolean preambleReused,
    List<String> notes,
    HeaderMacros headerMacros) {
  public ParsedFile {
    notes = List.copyOf(notes);
  }
}
