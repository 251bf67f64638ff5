package org.tend.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A small HTTP client for the service under test that never throws on 4xx/5xx. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, String contentType, JsonNode body) {
        /** The first {@code errors[].field} of a problem. */
        public String errorField() {
            return body.path("errors").path(0).path("field").asText(null);
        }

        public String errorRule() {
            return body.path("errors").path(0).path("rule").asText(null);
        }
    }

    private final RestClient client;

    public Http(int port) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    public Response get(String path, String token) {
        return exchange(HttpMethod.GET, path, token, null);
    }

    public Response put(String path, String token, String json) {
        return exchange(HttpMethod.PUT, path, token, json);
    }

    public Response post(String path, String token, String json) {
        return exchange(HttpMethod.POST, path, token, json);
    }

    private Response exchange(HttpMethod method, String path, String token, String json) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path);
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, token.isEmpty() ? "" : "Bearer " + token);
        }
        if (json != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode body;
            try {
                body = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(bytes), e);
            }
            return new Response(response.getStatusCode().value(),
                    String.valueOf(response.getHeaders().getContentType()), body);
        });
    }
}
