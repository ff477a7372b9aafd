package io.touchline.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  @Test
  void theFirstRouteThatMatchesAnswers() {
    Route.Answer first = request -> "first";
    RouteTable table = new RouteTable(List.of(
        Route.get("/things/{name}", first),
        Route.delete("/things/{name}", request -> "deleted"),
        Route.get("/things/{name}", request -> "never")));
    assertThat(((RouteTable.Found) table.match("GET", "/things/a")).route().handler()).isSameAs(first);
    assertThat(table.match("PATCH", "/things/a")).isEqualTo(new RouteTable.NotAllowed(List.of("GET", "DELETE"), "/things/{name}"));
  }

  @Test
  void aRouteCountedAsOtherIsNoEndpoint() {
    RouteTable table = new RouteTable(List.of(
        Route.get("/things", request -> "things"),
        Route.get(path -> path.startsWith("/files/") ? Optional.of(Map.of()) : Optional.empty(), (request, response) -> {},
            RouteTable.UNMATCHED)));
    assertThat(table.match("GET", "/files/a").label()).isEqualTo("other");
    assertThat(table.match("POST", "/files/a")).isEqualTo(new RouteTable.NotFound());
    assertThat(table.match("POST", "/things")).isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/things"));
  }

  @Test
  void aTemplateTakesOneNonEmptySegmentPerParameter() {
    PathPattern pattern = PathPattern.of("/a/{x}/b/{y}");
    assertThat(pattern.match("/a/1/b/2")).hasValue(Map.of("x", "1", "y", "2"));
    assertThat(pattern.match("/a/1/b/2%2F3")).hasValue(Map.of("x", "1", "y", "2%2F3"));
    assertThat(pattern.match("/a/1/b")).isEmpty();
    assertThat(pattern.match("/a//b/2")).isEmpty();
    assertThat(pattern.match("/a/1/b/2/")).isEmpty();
    assertThat(pattern.match("/a/1/c/2")).isEmpty();
    assertThat(PathPattern.of("/").match("/")).hasValue(Map.of());
  }
}
