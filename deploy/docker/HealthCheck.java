import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The image's HEALTHCHECK: GETs an actuator health path of the service in the same container
 * ({@code http://127.0.0.1:$SERVER_PORT<path>}) and exits 0 on HTTP 200, 1 otherwise. The JRE image is not
 * guaranteed to have curl or wget, and a JRE cannot run a source file, so the image compiles this class at build time.
 */
public final class HealthCheck {

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/actuator/health/liveness";
        String port = System.getenv().getOrDefault("SERVER_PORT", "8080");
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                System.exit(0);
            }
            System.err.println(path + " answered " + status);
        } catch (Exception e) {
            System.err.println(path + " did not answer: " + e);
        }
        System.exit(1);
    }
}
