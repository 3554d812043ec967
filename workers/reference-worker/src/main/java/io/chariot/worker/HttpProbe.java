package io.chariot.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code http-probe}: one {@code GET} of the target's web root. Records {@code http_status}, {@code http_server}
 * (the Server header) and {@code http_title} (the page's {@code <title>}) as attributes of the target asset and the
 * port it answered on, and raises {@code directory-listing} (TL) on the asset when the page is an auto-generated
 * directory index ("Index of /", "Directory listing for /").
 * <p>
 * The URL is the job's {@code url} config when given; otherwise {@code {scheme}://{identifier}:{port}/} from the
 * {@code scheme} (http) and {@code port} (80, or 443 for https) configs and the asset's identifier (which may be a
 * URL itself). Redirects are followed unless {@code follow_redirects} is false. Never uses a proxy: it probes what
 * the worker itself reaches.
 */
public final class HttpProbe implements Capability {

    public static final String NAME = "http-probe";
    static final int MAX_BODY = 256 * 1024;
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LISTING = Pattern.compile(
            "^(index of /|directory listing for /)|<h1>\\s*(index of /|directory listing for /)",
            Pattern.CASE_INSENSITIVE);

    private final Duration timeout;

    public HttpProbe(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GET the target's web root: status, Server header and <title> as attributes; a risk for a "
                + "directory listing";
    }

    @Override
    public List<ObjectNode> run(ClaimedJob job, Progress progress) throws Exception {
        URI url = urlOf(job);
        boolean follow = !"false".equalsIgnoreCase(job.config("follow_redirects", "true"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER).build();
        progress.line("GET " + url);
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("User-Agent", "chariot-reference-worker/0.1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        String body = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8);
        Optional<String> server = response.headers().firstValue("Server").filter(s -> !s.isBlank());
        Optional<String> title = titleOf(body);
        progress.line(response.statusCode() + " from " + url + server.map(s -> ", Server: " + s).orElse("")
                + title.map(t -> ", title: \"" + t + "\"").orElse(""));

        String asset = job.target();
        List<ObjectNode> items = new ArrayList<>();
        items.add(Items.port(asset, portOf(url), url.getScheme().toLowerCase(Locale.ROOT)));
        items.add(Items.attribute(asset, "http_status", String.valueOf(response.statusCode())));
        server.ifPresent(s -> items.add(Items.attribute(asset, "http_server", s.trim())));
        title.ifPresent(t -> items.add(Items.attribute(asset, "http_title", t)));
        if (isDirectoryListing(title.orElse(""), body)) {
            progress.line("directory listing at " + url + ": raising directory-listing");
            items.add(Items.risk(asset, "directory-listing", "TL", "Directory listing enabled",
                    "GET " + url + " answered " + response.statusCode() + " with an auto-generated index of the "
                            + "directory"));
        }
        return items;
    }

    static URI urlOf(ClaimedJob job) {
        String configured = job.config("url", null);
        if (configured != null) {
            return URI.create(configured);
        }
        String identifier = job.identifier();
        if (identifier.startsWith("http://") || identifier.startsWith("https://")) {
            return URI.create(identifier);
        }
        String scheme = job.config("scheme", "http").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be http or https, got " + scheme);
        }
        String port = job.config("port", scheme.equals("https") ? "443" : "80");
        String host = identifier.contains(":") && !identifier.startsWith("[") ? "[" + identifier + "]" : identifier;
        return URI.create(scheme + "://" + host + ":" + Integer.parseInt(port) + "/");
    }

    static int portOf(URI url) {
        return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    static Optional<String> titleOf(String html) {
        Matcher m = TITLE.matcher(html);
        if (!m.find()) {
            return Optional.empty();
        }
        String title = m.group(1).replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replaceAll("\\s+", " ").trim();
        if (title.length() > 200) {
            title = title.substring(0, 200);
        }
        return title.isEmpty() ? Optional.empty() : Optional.of(title);
    }

    static boolean isDirectoryListing(String title, String body) {
        return LISTING.matcher(title).find() || LISTING.matcher(body).find();
    }
}
