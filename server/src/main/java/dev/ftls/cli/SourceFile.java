package dev.ftls.cli;

import dev.ftls.core.source.IoReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source file as read from disk: the bytes it held, the text the analyzer sees, and the charset
 * that turns one into the other. Valid UTF-8 (a byte order mark included, kept as U+FEFF) is read
 * as UTF-8; anything else as Latin-1, which maps each byte to one character and back, so writing
 * the text again in the same charset gives the same bytes wherever no fix changed the text.
 */
public record SourceFile(Path path, byte[] bytes, String text, Charset charset) {

  /** Why a file could not be read, as a phrase that reads after "not analyzed: ". */
  public static final class Unreadable extends Exception {
    private final String reason;

    Unreadable(String reason) {
      super(reason);
      this.reason = reason;
    }

    public String reason() {
      return reason;
    }
  }

  /**
   * Reads a regular file (a symlink to one is followed) of at most {@code maxBytes} bytes. Never
   * reads more than {@code maxBytes + 1} bytes, so a huge file or an endless device costs nothing.
   */
  public static SourceFile read(Path path, int maxBytes) throws Unreadable {
    if (Files.isDirectory(path)) {
      throw new Unreadable("is a folder");
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new Unreadable(IoReason.notRegularFile(path));
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw new Unreadable(IoReason.of(e));
    }
    if (bytes.length > maxBytes) {
      throw new Unreadable("it has more than " + maxBytes + " bytes");
    }
    return decode(path, bytes);
  }

  /** The bytes as UTF-8 when they are valid UTF-8, else as Latin-1. */
  public static SourceFile decode(Path path, byte[] bytes) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return new SourceFile(path, bytes, text, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return new SourceFile(path, bytes, new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
  }

  /** A text in this file's charset; null when the charset cannot hold one of its characters. */
  public byte[] encode(String newText) {
    try {
      ByteBuffer b = charset.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(newText));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
