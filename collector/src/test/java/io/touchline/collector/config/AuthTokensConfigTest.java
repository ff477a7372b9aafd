package io.touchline.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code auth.tokens}: named tokens with scopes, beside the shorthand ones, checked strictly. */
class AuthTokensConfigTest {

  private final CollectorConfigLoader loader = new CollectorConfigLoader();

  private CollectorConfig.Auth auth(String... lines) throws ConfigException {
    return loader.parse("collector.yaml", String.join("\n", lines) + "\n").auth();
  }

  private String refusal(String... lines) {
    try {
      loader.parse("collector.yaml", String.join("\n", lines) + "\n");
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("the config was accepted");
  }

  @Test
  void readsNamedTokensWithTheirScopesBesideTheShorthandOnes() throws ConfigException {
    CollectorConfig.Auth auth =
        auth(
            "auth:",
            "  ingestToken: ingest-token-0123456789",
            "  tokens:",
            "    - name: analysts",
            "      token: analyst-token-0123456789",
            "      scopes: [read]",
            "    - name: dpo.desk",
            "      token: dpo-token-0123456789",
            "      scopes: [read, erase]");
    assertThat(auth.all())
        .extracting(TokenConfig::name)
        .containsExactly("ingest", "analysts", "dpo.desk");
    assertThat(auth.all())
        .extracting(TokenConfig::scopeSet)
        .containsExactly(Set.of(Scope.INGEST), Set.of(Scope.READ), Set.of(Scope.READ, Scope.ERASE));
    assertThat(auth.guardsIngest()).isTrue();
    assertThat(auth.guardsApi()).isTrue();
    assertThat(auth.toString()).doesNotContain("0123456789");
  }

  @Test
  void theShorthandTokensAreNamedIngestAndApi() throws ConfigException {
    CollectorConfig.Auth auth =
        auth("auth:", "  ingestToken: ingest-token-0123456789", "  apiToken: api-token-0123456789");
    assertThat(auth.all())
        .extracting(t -> t.name() + "=" + t.scopeSet())
        .containsExactly("ingest=[INGEST]", "api=[READ, ERASE]");
    assertThat(auth("auth:", "  apiToken: api-token-0123456789").guardsIngest())
        .as("on loopback, OTLP stays open while no token has the ingest scope")
        .isFalse();
    assertThat(CollectorConfig.defaults().auth().all()).isEmpty();
  }

  @Test
  void aTokenMayReadItsSecretFromTheEnvironment() {
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: env, token: '${TOUCHLINE_NO_SUCH_VARIABLE}', scopes: [read]}"))
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].token: the environment variable"
                + " TOUCHLINE_NO_SUCH_VARIABLE is not set");
  }

  @Test
  void anUnknownScopeNamesItsFieldAndLine() {
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - name: shop",
                "      token: shop-token-0123456789",
                "      scopes: [ingest]",
                "    - name: analysts",
                "      token: analyst-token-0123456789",
                "      scopes: [read]",
                "    - name: desk",
                "      token: desk-token-0123456789",
                "      scopes:",
                "        - context",
                "        - read"))
        .isEqualTo(
            "collector.yaml:12: auth.tokens[2].scopes[0]: unknown scope 'context'; known: ingest,"
                + " read, erase");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: a, token: a-token-0123456789, scopes: [read, Erase]}"))
        .as("scopes are written in lower case, as documented")
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].scopes[1]: unknown scope 'Erase'; known: ingest,"
                + " read, erase");
    assertThat(
            refusal("auth:", "  tokens:", "    - {name: a, token: a-token-0123456789, scopes: []}"))
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].scopes: list at least one of ingest, read, erase");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - name: a",
                "      token: a-token-0123456789",
                "      scopes: [read, read]"))
        .isEqualTo("collector.yaml:5: auth.tokens[0].scopes[1]: 'read' is listed twice");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - name: a",
                "      token: a-token-0123456789",
                "      scopes: read"))
        .isEqualTo("collector.yaml:5: auth.tokens[0].scopes: expected a list, found 'read'");
  }

  @Test
  void twoTokensMayNotShareANameNorASecret() {
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: shop, token: shop-token-0123456789, scopes: [ingest]}",
                "    - {name: shop, token: other-token-0123456789, scopes: [ingest]}"))
        .isEqualTo(
            "collector.yaml:4: auth.tokens[1].name: 'shop' already names auth.tokens[0]; every"
                + " token needs a name of its own");
    assertThat(
            refusal(
                "auth:",
                "  apiToken: api-token-0123456789",
                "  tokens:",
                "    - {name: api, token: other-token-0123456789, scopes: [read]}"))
        .isEqualTo(
            "collector.yaml:4: auth.tokens[0].name: 'api' already names auth.apiToken (its"
                + " shorthand's name); every token needs a name of its own");
    String sameSecret =
        refusal(
            "auth:",
            "  tokens:",
            "    - {name: shop, token: shared-token-0123456789, scopes: [ingest]}",
            "    - {name: analysts, token: shared-token-0123456789, scopes: [read]}");
    assertThat(sameSecret)
        .isEqualTo(
            "collector.yaml:4: auth.tokens[1].token: is the same token as auth.tokens[0]; every"
                + " token must differ")
        .doesNotContain("shared-token");
    assertThat(
            refusal(
                "auth:",
                "  ingestToken: shared-token-0123456789",
                "  tokens:",
                "    - {name: analysts, token: shared-token-0123456789, scopes: [read]}"))
        .isEqualTo(
            "collector.yaml:4: auth.tokens[0].token: is the same token as auth.ingestToken; every"
                + " token must differ");
    assertThat(
            refusal(
                "auth:",
                "  ingestToken: shared-token-0123456789",
                "  apiToken: shared-token-0123456789"))
        .startsWith("collector.yaml:3: auth.apiToken: is the same token as auth.ingestToken");
  }

  @Test
  void aTokenNeedsAGoodNameAndALongEnoughSecret() {
    assertThat(refusal("auth:", "  tokens:", "    - {token: a-token-0123456789, scopes: [read]}"))
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].name: missing: what audits and the log call the"
                + " token, e.g. shop-agents");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - name: the shop",
                "      token: a-token-0123456789",
                "      scopes: [read]"))
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].name: must be 1 to 64 letters, digits, '.', '_' or"
                + " '-' (it goes into audits and the log), was 'the shop'");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: '"
                    + "n".repeat(65)
                    + "', token: a-token-0123456789, scopes: [read]}"))
        .contains("auth.tokens[0].name: must be 1 to 64 letters");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: anonymous, token: a-token-0123456789, scopes: [read]}"))
        .isEqualTo(
            "collector.yaml:3: auth.tokens[0].name: 'anonymous' is reserved: audits record it for"
                + " requests that carry no token");
    assertThat(refusal("auth:", "  tokens:", "    - name: shop", "      scopes: [ingest]"))
        .startsWith("collector.yaml:3: auth.tokens[0].token: missing: the token itself");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - name: shop",
                "      token: short",
                "      scopes: [ingest]"))
        .isEqualTo(
            "collector.yaml:4: auth.tokens[0].token: must be at least 16 characters, to be hard"
                + " to guess");
    assertThat(refusal("auth:", "  tokens:", "    - name: shop", "      token: ''"))
        .isEqualTo(
            "collector.yaml:4: auth.tokens[0].token: must not be empty; leave the field out for no"
                + " token");
    assertThat(refusal("auth:", "  tokens:", "    -"))
        .isEqualTo("collector.yaml:3: auth.tokens[0]: expected a token: name, token and scopes");
    assertThat(
            refusal(
                "auth:",
                "  tokens:",
                "    - {name: a, token: a-token-0123456789, scopes: [read], scope: erase}"))
        .startsWith("collector.yaml:3: auth.tokens[0].scope: unknown field");
  }

  @Test
  void beyondLoopbackNamedTokensGuardEveryPort() throws ConfigException {
    CollectorConfig config =
        loader.parse(
            "collector.yaml",
            String.join(
                "\n",
                "bindAddress: 0.0.0.0",
                "auth:",
                "  tokens:",
                "    - {name: shop, token: shop-token-0123456789, scopes: [ingest]}",
                "    - {name: dpo, token: dpo-token-0123456789, scopes: [erase]}",
                ""));
    assertThat(config.auth().guardsIngest()).isTrue();
    assertThat(config.auth().guardsApi()).isTrue();
    assertThat(
            refusal(
                "bindAddress: 0.0.0.0",
                "auth:",
                "  tokens:",
                "    - {name: all, token: all-token-0123456789, scopes: [ingest]}"))
        .contains("no token has the read or erase scope");
  }

  @Test
  void everyTokenIsComparedWithTheSchemeInAnyCase() throws ConfigException {
    BearerTokens tokens =
        BearerTokens.of(
            auth(
                "auth:",
                "  ingestToken: ingest-token-0123456789",
                "  tokens:",
                "    - {name: analysts, token: analyst-token-0123456789, scopes: [read]}"));
    assertThat(tokens.caller("Bearer analyst-token-0123456789"))
        .hasValue(new Caller("analysts", Set.of(Scope.READ)));
    for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
      assertThat(tokens.caller(scheme + " ingest-token-0123456789").map(Caller::name))
          .hasValue("ingest");
    }
    assertThat(tokens.caller("Bearer analyst-token-012345678")).isEmpty();
    assertThat(tokens.caller("Basic analyst-token-0123456789")).isEmpty();
    assertThat(tokens.caller("analyst-token-0123456789")).isEmpty();
    assertThat(tokens.caller(null)).isEmpty();
    assertThat(
            BearerTokens.forbidden(
                tokens.caller("Bearer ingest-token-0123456789").get(), Scope.READ))
        .isEqualTo("the token 'ingest' does not have the read scope, which this needs")
        .doesNotContain("0123456789");
  }
}
