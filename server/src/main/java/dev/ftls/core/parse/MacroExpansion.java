package dev.ftls.core.parse;

import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;

/**
 * A macro definition's replacement text. CDT lexes the replacement again at each ask, and its
 * tokens count against the token limit of whichever parse set it last, also when the ask comes
 * from a rule or a header's facts after every parse of the file has ended: asked through here, a
 * limit that is not the asker's cannot stop it ({@link TokenTurns#outsideParses}).
 */
public final class MacroExpansion {
  private MacroExpansion() {}

  /** The replacement of {@code def}, as CDT gives it. */
  public static String of(IASTPreprocessorMacroDefinition def) {
    return TokenTurns.CDT.outsideParses(def::getExpansion);
  }
}
