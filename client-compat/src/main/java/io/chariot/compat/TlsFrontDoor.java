package io.chariot.compat;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The platform as Chariot's clients know it: HTTPS at an API-gateway host name
 * ({@value #HOST}), on loopback. praetorian-cli's suite asserts the shape of that URL
 * ({@code test_webhook_cli} wants {@code https://…amazonaws.com/hook/…}), so its run goes through this front door:
 * an HTTP proxy on loopback ({@code HTTPS_PROXY}/{@code HTTP_PROXY}) that answers {@code CONNECT} by terminating
 * TLS with a certificate for that name made for the run (trusted through {@code REQUESTS_CA_BUNDLE}) and passes the
 * plain HTTP on to the platform; a plain-HTTP proxy request (a signed file URL the platform built from the
 * {@code Host} header) is passed on as it is. Nothing is resolved or reached beyond loopback.
 */
final class TlsFrontDoor implements AutoCloseable {

    static final String HOST = "compat.execute-api.us-east-2.amazonaws.com";
    private static final char[] PASSWORD = "front-door".toCharArray();

    private final ServerSocket listener;
    private final SSLContext tls;
    private final int platformPort;
    private final Path certificatePem;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tls-front-door");
        t.setDaemon(true);
        return t;
    });

    private TlsFrontDoor(SSLContext tls, Path certificatePem, int platformPort) throws IOException {
        this.tls = tls;
        this.certificatePem = certificatePem;
        this.platformPort = platformPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    /** Makes a key and self-signed certificate for {@value #HOST} in {@code dir} (with the JDK's keytool) and opens. */
    static TlsFrontDoor open(Path dir, int platformPort) throws Exception {
        Path keystore = dir.resolve("front-door.p12");
        Path pem = dir.resolve("front-door.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String pass = new String(PASSWORD);
        run(List.of(keytool, "-genkeypair", "-alias", "api", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-ext", "BC:c=ca:true", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", pass, "-keypass", pass));
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "api", "-keystore", keystore.toString(),
                "-storepass", pass, "-file", pem.toString()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return new TlsFrontDoor(context, pem, platformPort);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out.strip());
        }
    }

    /** The client-facing base URL: {@code https://}{@value #HOST}. */
    String api() {
        return "https://" + HOST;
    }

    /** The proxy URL for {@code HTTPS_PROXY} and {@code HTTP_PROXY}. */
    String proxy() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** The certificate to trust (PEM), for {@code REQUESTS_CA_BUNDLE}. */
    Path certificate() {
        return certificatePem;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket platform = new Socket(InetAddress.getLoopbackAddress(), platformPort)) {
            InputStream in = client.getInputStream();
            String requestLine = line(in);
            if (requestLine.startsWith("CONNECT ")) {
                while (!line(in).isEmpty()) {
                    // the CONNECT request's headers: nothing in them matters here
                }
                client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
                SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory()
                        .createSocket(client, new ByteArrayInputStream(new byte[0]), true);
                tlsSocket.setUseClientMode(false);
                pipe(tlsSocket.getInputStream(), tlsSocket.getOutputStream(), platform, new byte[0]);
            } else {
                pipe(in, client.getOutputStream(), platform,
                        (requestLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // the client or the platform hung up: the connection is over
        }
    }

    /** Copies the client's bytes (after {@code head}) to the platform and the platform's back, until either ends. */
    private void pipe(InputStream fromClient, OutputStream toClient, Socket platform, byte[] head) throws IOException {
        OutputStream toPlatform = platform.getOutputStream();
        toPlatform.write(head);
        var upstream = threads.submit(() -> {
            try {
                fromClient.transferTo(toPlatform);
                platform.shutdownOutput();
            } catch (IOException e) {
                // the client hung up
            }
            return null;
        });
        try {
            platform.getInputStream().transferTo(toClient);
        } finally {
            upstream.cancel(true);
        }
    }

    /** One CRLF-terminated header line, read byte by byte so nothing after it is consumed. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
            if (bytes.size() > 16 * 1024) {
                throw new IOException("header line too long");
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        threads.shutdownNow();
    }
}
