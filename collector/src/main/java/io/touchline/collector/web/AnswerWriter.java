package io.touchline.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.query.Paged;
import io.touchline.collector.query.Tabular;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Sends a route's answer as the request asks for it: JSON by default, CSV with {@code format=csv}
 * (a view's table chosen with {@code table=}; a list's next page in the {@code Link} header, since
 * a CSV page has no room for a cursor).
 */
final class AnswerWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerWriter() {}

  static void send(ApiRequest request, Route.Answer route, ApiResponse response)
      throws IOException {
    String format = request.parameters().getOrDefault("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw new ApiException(400, "format must be json or csv, not '" + format + "'");
    }
    Object answer = route.answer(request);
    if (format.equals("json")) {
      json(response, 200, answer);
      return;
    }
    byte[] csv =
        answer instanceof Tabular view
            ? CsvTables.of(view, request.parameter("table"))
            : CsvTables.of(answer)
                .orElseThrow(
                    () ->
                        new ApiException(
                            400,
                            "format=csv is offered for the lists and the views' tables, not for "
                                + request.path()));
    response.header("Content-Type", "text/csv; charset=utf-8");
    String next = nextPage(request, answer);
    if (next != null) {
      response.header("Link", "<" + next + ">; rel=\"next\"");
    }
    response.send(200, csv);
  }

  static void json(ApiResponse response, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    response.header("Content-Type", "application/json; charset=utf-8");
    response.send(status, bytes);
  }

  /** The next page's address: the request's own with the answer's cursor; null on the last page. */
  private static String nextPage(ApiRequest request, Object answer) {
    if (!(answer instanceof Paged page) || page.nextCursor() == null) {
      return null;
    }
    String raw = request.rawQuery();
    String kept =
        raw == null
            ? ""
            : Arrays.stream(raw.split("&"))
                .filter(pair -> !pair.startsWith("cursor="))
                .reduce((a, b) -> a + "&" + b)
                .orElse("");
    return request.path()
        + "?"
        + (kept.isEmpty() ? "" : kept + "&")
        + "cursor="
        + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8);
  }
}
