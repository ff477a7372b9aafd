package io.touchline.collector.web;

import static io.touchline.collector.config.Scope.READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchline.collector.config.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  /** The API's own table. Matching runs no handler, so nothing behind the handlers is needed. */
  static final RouteTable API =
      new ApiRoutes(
              null,
              null,
              null,
              () -> false,
              null,
              null,
              new ViewEndpoints(null, null, null),
              new LiveStream(null, null))
          .table();

  @Test
  void everyEndpointIsCountedUnderItsPathAsBefore() {
    for (String path :
        List.of(
            "/api/health",
            "/api/stats",
            "/api/profiles",
            "/api/touchpoints",
            "/api/erasures",
            "/api/catalog",
            "/api/segments",
            "/api/overview",
            "/api/flows",
            "/api/funnels",
            "/api/funnels/customers",
            "/api/paths",
            "/api/pain-points",
            "/api/attribution",
            "/api/live",
            "/metrics")) {
      assertThat(API.match("GET", path)).as(path).isInstanceOf(RouteTable.Found.class);
      assertThat(API.match("GET", path).label()).isEqualTo(path);
    }
    assertThat(API.match("DELETE", "/api/profiles").label()).isEqualTo("/api/profiles");
  }

  @Test
  void everyRouteSaysWhichScopeItNeedsAndOnlyHealthAndTheUiAreOpen() {
    for (Route route : API.routes()) {
      if (route.open()) {
        assertThat(route.label()).as("an open route").isIn("/api/health", RouteTable.UNMATCHED);
      } else if (route.method().equals("GET")) {
        assertThat(route.scope()).as(route.label()).isEqualTo(Scope.READ);
      } else {
        assertThat(route.method() + " " + route.label()).isEqualTo("DELETE /api/profiles");
        assertThat(route.scope()).isEqualTo(Scope.ERASE);
      }
    }
    assertThat(API.opens("GET", "/api/health")).isTrue();
    assertThat(API.opens("GET", "/funnels")).isTrue();
    assertThat(API.opens("GET", "/api/stats")).isFalse();
    assertThat(API.opens("POST", "/api/health")).as("not a route: needs a token").isFalse();
    assertThat(API.opens("GET", "/api/nothing")).isFalse();
    assertThatThrownBy(() -> Route.get("/things", null, (Route.Answer) request -> "things"))
        .as("a scoped route cannot be made without its scope")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void idsArePathParametersNotLabels() {
    RouteTable.Found profile = (RouteTable.Found) API.match("GET", "/api/profiles/p_33a8");
    assertThat(profile.label()).isEqualTo("/api/profiles/{id}");
    assertThat(profile.pathParameters()).isEqualTo(Map.of("id", "p_33a8"));

    RouteTable.Found graph = (RouteTable.Found) API.match("GET", "/api/profiles/p_33a8/graph");
    assertThat(graph.label()).isEqualTo("/api/profiles/{id}/graph");
    assertThat(graph.pathParameters()).isEqualTo(Map.of("id", "p_33a8"));

    // "graph" alone is an id like any other, as it always was.
    assertThat(((RouteTable.Found) API.match("GET", "/api/profiles/graph")).pathParameters())
        .isEqualTo(Map.of("id", "graph"));
  }

  @Test
  void aKnownPathAskedWithAnotherMethodIsNotAllowedWithTheMethodsItTakes() {
    assertThat(API.match("PUT", "/api/profiles"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET", "DELETE"), "/api/profiles"));
    assertThat(API.match("POST", "/api/health"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/api/health"));
    assertThat(API.match("HEAD", "/metrics"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/metrics"));
    assertThat(API.match("POST", "/api/live"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/api/live"));
    assertThat(API.match("DELETE", "/api/profiles/p_1"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/api/profiles/{id}"));
  }

  @Test
  void theUiIsNoEndpointSoAnotherMethodFindsNothingThere() {
    assertThat(API.match("POST", "/funnels")).isEqualTo(new RouteTable.NotFound());
    assertThat(API.match("DELETE", "/")).isEqualTo(new RouteTable.NotFound());
  }

  @Test
  void anUnknownPathIsNotFoundWhateverTheMethodAndCountedAsOther() {
    for (String path :
        List.of(
            "/api",
            "/api/",
            "/api/nothing",
            "/api/health/",
            "/api/profiles/",
            "/api/profiles//graph",
            "/api/profiles/a/b",
            "/api/profiles/a/b/graph",
            "/api/funnels/customers/1")) {
      for (String method : List.of("GET", "POST", "DELETE")) {
        assertThat(API.match(method, path))
            .as(method + " " + path)
            .isEqualTo(new RouteTable.NotFound());
      }
      assertThat(API.match("GET", path).label()).isEqualTo("other");
    }
  }

  @Test
  void theUiTakesEveryOtherPathAndIsCountedAsOther() {
    for (String path :
        List.of("/", "/funnels", "/customer/p_1", "/assets/echarts.min.js", "/assets/../pom.xml")) {
      RouteTable.Match match = API.match("GET", path);
      assertThat(match).as(path).isInstanceOf(RouteTable.Found.class);
      assertThat(((RouteTable.Found) match).route().pattern()).isSameAs(UiAssets.PATHS);
      assertThat(match.label()).isEqualTo("other");
    }
  }

  @Test
  void theFirstRouteThatMatchesAnswers() {
    Route.Answer first = request -> "first";
    RouteTable table =
        new RouteTable(
            List.of(
                Route.get("/things/{name}", READ, first),
                Route.delete("/things/{name}", READ, request -> "deleted"),
                Route.get("/things/{name}", READ, request -> "never")));
    assertThat(((RouteTable.Found) table.match("GET", "/things/a")).route().handler())
        .isSameAs(first);
    assertThat(table.match("PATCH", "/things/a"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET", "DELETE"), "/things/{name}"));
  }

  @Test
  void aRouteCountedAsOtherIsNoEndpoint() {
    RouteTable table =
        new RouteTable(
            List.of(
                Route.get("/things", READ, request -> "things"),
                Route.openGet(
                    path -> path.startsWith("/files/") ? Optional.of(Map.of()) : Optional.empty(),
                    (request, response) -> {},
                    RouteTable.UNMATCHED)));
    assertThat(table.match("GET", "/files/a").label()).isEqualTo("other");
    assertThat(table.match("POST", "/files/a")).isEqualTo(new RouteTable.NotFound());
    assertThat(table.match("POST", "/things"))
        .isEqualTo(new RouteTable.NotAllowed(List.of("GET"), "/things"));
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
