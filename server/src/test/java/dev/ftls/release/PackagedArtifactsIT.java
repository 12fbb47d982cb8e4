package dev.ftls.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The packaged jar carries ftls' licence files and reports the pom's version. */
class PackagedArtifactsIT {

  private static Path jar() {
    return Paths.get(System.getProperty("ftls.jar"));
  }

  @Test
  void jarCarriesLicenseNoticeAndThePsfLicenceOfItsData() throws Exception {
    Path root = Versions.repoRoot();
    try (ZipFile zip = new ZipFile(jar().toFile())) {
      assertSameBytes(zip, "META-INF/LICENSE", root.resolve("LICENSE"));
      assertSameBytes(zip, "META-INF/NOTICE", root.resolve("NOTICE"));
      assertSameBytes(zip, "META-INF/LICENSE-PSF.txt", root.resolve("server/kb-data/LICENSE-PSF.txt"));
    }
  }

  @Test
  void versionOfTheJarIsThePomVersion() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-jar", jar().toString(), "--version")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertEquals("ftls " + Versions.pom(), out);
  }

  private static void assertSameBytes(ZipFile zip, String entry, Path expected) throws Exception {
    ZipEntry e = zip.getEntry(entry);
    assertNotNull(e, entry + " is missing from " + zip.getName());
    byte[] actual = zip.getInputStream(e).readAllBytes();
    assertArrayEquals(Files.readAllBytes(expected), actual, entry + " differs from " + expected);
  }
}
