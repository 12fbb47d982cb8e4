package dev.ftls.core.parse;

import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IToken;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.internal.core.dom.parser.c.CNodeFactory;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;

/**
 * Reads a C skeleton's headers with CDT's preprocessor alone. What a preamble needs of them is the
 * preprocessor's (the macros, directives and includes, on the translation unit it records them
 * in) and the names they declare, which {@link DeclaredNames} finds in the tokens: CDT's parser
 * would build the headers' declarations only for those names to be read off them, and that was
 * about a fifth of a read's time. What braces hold (bodies, struct members, initializers) is read
 * with its macros unexpanded ({@link UnexpandedTokens}).
 */
final class HeaderScan {
  private HeaderScan() {}

  /** A read: the translation unit holding the preprocessor's nodes (no declarations), and the declared names. */
  record Read(IASTTranslationUnit tu, Set<String> declared) {}

  /**
   * Runs the preprocessor over {@code content} to its end, under {@code control}'s token limit and
   * cancel hook (CDT throws its ParseError when either stops it, as its parser does).
   */
  static Read read(FileContent content, ExtendedScannerInfo info, HeaderProvider provider, ParseControl control) {
    info.setParserSettings(control); // the preprocessor takes its token limit from here when it starts
    CPreprocessor pp = PredefinedMacros.start(content, info, ParserLanguage.C, control,
        GCCScannerExtensionConfiguration.getInstance(info), provider);
    pp.setComputeImageLocations(false);
    IASTTranslationUnit tu = CNodeFactory.getDefault().newTranslationUnit(pp);
    DeclaredNames declared = new DeclaredNames();
    UnexpandedTokens unexpanded = UnexpandedTokens.of(pp);
    control.setCancelable(pp::cancel);
    try {
      while (true) {
        if (unexpanded != null && declared.inBraces()) {
          IToken t = unexpanded.next(); // what braces hold is skipped: its macros need no expansion
          declared.accept(t);
          declared.braces(unexpanded.braces(t));
        } else {
          declared.accept(pp.nextToken());
        }
      }
    } catch (EndOfFileException e) {
      return new Read(tu, declared.names());
    } finally {
      control.setCancelable(null);
    }
  }
}
