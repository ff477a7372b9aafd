package com.acme.shop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the shop's seed data: simple comma-separated files with a header line and no quoting. */
public final class CsvResource {

  private CsvResource() {}

  public static List<String[]> rows(String resource) {
    InputStream in = CsvResource.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing seed data " + resource);
    }
    return read(in);
  }

  /**
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static List<String[]> rows(Path file) {
    try {
      return read(Files.newInputStream(file));
    } catch (IOException | UncheckedIOException e) {
      throw new UncheckedIOException(
          new IOException("cannot read " + file + ": " + e.getMessage(), e));
    }
  }

  private static List<String[]> read(InputStream in) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      reader.readLine(); // header
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split(","));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
