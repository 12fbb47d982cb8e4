package dev.ftls.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The root pom's version is the one source of truth; every other place that states a version
 * must say the same (the jar's --version and the wheel's name take it from the build, and are
 * checked by PackagedArtifactsIT and scripts/test-wheel.sh).
 */
class VersionAgreementTest {

  @Test
  void pomVersionIsAPlainReleaseNumberThatPipAndVsceAccept() throws Exception {
    // x.y.z only: PEP 440 (wheel), semver without pre-release (vsce) and Maven all read it alike
    assertTrue(Versions.pom().matches("\\d+\\.\\d+\\.\\d+"), "pom version " + Versions.pom());
  }

  @Test
  void everyArtifactStatesThePomVersion() throws Exception {
    String v = Versions.pom();
    assertEquals(v, Versions.serverParent(), "server/pom.xml parent version");
    assertEquals(v, Versions.vscodePackage(), "vscode-client/package.json version");
    assertEquals(v, Versions.emacsPackage(), "emacs-config/ftls.el Version header");
    assertEquals(v, Versions.changelogNewest(), "newest CHANGELOG.md entry");
  }
}
