package dev.ftls.core.parse;

import dev.ftls.core.source.SourceText;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * A parsed file: the CDT AST of the file alone (headers contribute their macros, not their
 * declarations), and where its headers came from.
 *
 * @param includeSource e.g. "compile_commands.json + python3-config" or "prelude"
 * @param pythonHeaders whether real Python headers were found (else only the prelude is used)
 * @param preambleReused whether the headers' macros came from the cache
 */
public record ParsedFile(
    SourceText source,
    IASTTranslationUnit ast,
    String includeSource,
    boolean pythonHeaders,
    boolean preambleReused) {}
