package com.acme.web;

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

/** An app's data extracts: comma-separated, a header line, no quoting. */
public final class CsvFile {

  private CsvFile() {}

  public static List<String[]> rows(String resource) {
    InputStream in = CsvFile.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing built-in data " + resource);
    }
    return read(in, resource);
  }

  public static List<String[]> rows(Path file) {
    try {
      return read(Files.newInputStream(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String[]> read(InputStream in, String name) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      String header = reader.readLine();
      int columns = header == null ? 0 : header.split(",").length;
      int line = 1;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        if (!text.isBlank()) {
          String[] row = text.split(",", -1);
          if (row.length != columns) {
            throw new IllegalArgumentException(
                name + ":" + line + ": expected " + columns + " columns, found " + row.length);
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
