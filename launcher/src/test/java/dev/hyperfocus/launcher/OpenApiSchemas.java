package dev.hyperfocus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The service's own OpenAPI document as a JSON-schema (draft 2020-12, the dialect of OpenAPI 3.1)
 * repository: checks that a real response is documented for its operation, carries the documented
 * headers and has a body that validates against the documented schema.
 */
final class OpenApiSchemas {
  /** Only a name for the document inside the repository; nothing is ever fetched from it. */
  private static final String BASE = "https://hyperfocus.invalid/openapi.json";
  private static final String JSON = "application/json";

  private final JsonObject document;
  private final SchemaRepository repository;
  private final JsonSchemaOptions options = new JsonSchemaOptions()
      .setDraft(Draft.DRAFT202012)
      .setBaseUri(BASE)
      .setOutputFormat(OutputFormat.Basic);

  OpenApiSchemas(JsonObject document) {
    this.document = document;
    this.repository = SchemaRepository.create(options);
    repository.dereference(BASE, JsonSchema.of(document.copy()));
  }

  /** Asserts that {@code reply} is a documented response of {@code method path} (a document path). */
  void assertConforms(String method, String path, TestNode.Reply reply) {
    String operation = method + " " + path;
    JsonObject responses = document.getJsonObject("paths").getJsonObject(path)
        .getJsonObject(method.toLowerCase(Locale.ROOT)).getJsonObject("responses");
    assertThat(responses.fieldNames()).as(operation + " documents status " + reply.status() + " (" + reply + ")")
        .contains(String.valueOf(reply.status()));
    JsonObject response = resolve(responses.getJsonObject(String.valueOf(reply.status())));
    assertThat(reply.header("X-Request-Id")).as(operation + " X-Request-Id").isNotBlank();
    JsonObject headers = response.getJsonObject("headers", new JsonObject());
    for (String header : headers.fieldNames()) {
      if (!header.startsWith("RateLimit-") && !header.equals("Idempotent-Replayed")) {
        assertThat(reply.header(header)).as(operation + " " + reply.status() + " header " + header).isNotNull();
      }
    }
    JsonObject content = response.getJsonObject("content");
    if (content == null) {
      assertThat(reply.body()).as(operation + " " + reply.status() + " has no body").isEmpty();
      return;
    }
    assertThat(content.fieldNames()).as(operation + " documents JSON").contains(JSON);
    assertThat(reply.header("Content-Type")).as(operation + " content type").startsWith(JSON);
    JsonObject schema = content.getJsonObject(JSON).getJsonObject("schema");
    OutputUnit result = repository.validator(JsonSchema.of(absolute(schema)), options)
        .validate(io.vertx.core.json.Json.decodeValue(reply.body()));
    assertThat(result.getValid())
        .as(operation + " " + reply.status() + " body " + reply.body() + " against " + schema + ": " + errors(result))
        .isTrue();
  }

  /** A response object, following a reference to {@code components/responses}. */
  private JsonObject resolve(JsonObject response) {
    String ref = response.getString("$ref");
    if (ref == null) {
      return response;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return target;
  }

  /** The schema with its document-relative references made absolute, so the repository resolves them. */
  private static JsonObject absolute(JsonObject schema) {
    return new JsonObject(schema.encode().replace("\"#/components/", "\"" + BASE + "#/components/"));
  }

  private static String errors(OutputUnit result) {
    return result.getErrors() == null ? "" : result.getErrors().stream()
        .map(error -> error.getInstanceLocation() + " " + error.getError())
        .collect(Collectors.joining("; "));
  }
}
