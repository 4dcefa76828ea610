package io.asyncio4j.streams;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made by {@code keytool} for the TLS tests, and SSLContexts over them;
 * also written as PEM for Python's {@code ssl} module.
 */
final class TlsCerts {
  private static final char[] PASSWORD = "secret".toCharArray();

  final Path dir;

  /** CN=localhost, SAN dns:localhost: valid for two days. */
  final KeyStore server;

  /** A CA ("CN=Test CA"): only what it signs is checked for expiry (an anchor is not). */
  final KeyStore ca;

  /** CN=localhost signed by {@link #ca}, expired yesterday; the chain includes the CA. */
  final KeyStore expired;

  private TlsCerts(Path dir, KeyStore server, KeyStore ca, KeyStore expired) {
    this.dir = dir;
    this.server = server;
    this.ca = ca;
    this.expired = expired;
  }

  static TlsCerts generate(Path dir) throws Exception {
    KeyStore server = keytool(dir, "server", "CN=localhost", "-validity", "2");
    KeyStore ca = keytool(dir, "ca", "CN=Test CA", "-validity", "2", "-ext", "bc:c");
    keytool(dir, "expired", "CN=localhost", "-validity", "2");
    String p12 = dir.resolve("expired.p12").toString();
    String request = run(null, "-certreq", "-alias", "expired", "-keystore", p12);
    String signed =
        run(
            request,
            "-gencert",
            "-alias",
            "ca",
            "-keystore",
            dir.resolve("ca.p12").toString(),
            "-startdate",
            "-3d",
            "-validity",
            "1",
            "-ext",
            "SAN=dns:localhost",
            "-rfc");
    Files.writeString(dir.resolve("ca.pem"), pem("CERTIFICATE", cert(ca).getEncoded()));
    run(
        null,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        dir.resolve("ca.pem").toString(),
        "-keystore",
        p12);
    Files.writeString(dir.resolve("expired.pem"), signed);
    run(
        null,
        "-importcert",
        "-alias",
        "expired",
        "-file",
        dir.resolve("expired.pem").toString(),
        "-keystore",
        p12);
    KeyStore expired = load(dir.resolve("expired.p12").toFile());
    expired.deleteEntry("ca"); // only the key entry (with its chain) for the key manager
    TlsCerts certs = new TlsCerts(dir, server, ca, expired);
    Files.writeString(
        dir.resolve("server-cert.pem"), pem("CERTIFICATE", cert(server).getEncoded()));
    Files.writeString(
        dir.resolve("server-key.pem"),
        pem("PRIVATE KEY", server.getKey("server", PASSWORD).getEncoded()));
    return certs;
  }

  private static KeyStore keytool(Path dir, String alias, String dname, String... more)
      throws Exception {
    File file = dir.resolve(alias + ".p12").toFile();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-keystore",
                file.toString()));
    if (dname.equals("CN=localhost")) {
      args.addAll(List.of("-ext", "SAN=dns:localhost"));
    }
    args.addAll(List.of(more));
    run(null, args.toArray(new String[0]));
    return load(file);
  }

  private static KeyStore load(File file) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  /** Runs keytool with {@code args} (and the store options), feeding it {@code input}. */
  private static String run(String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", "secret", "-keypass", "secret"));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    try (var in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.US_ASCII));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out + err);
    }
    return out;
  }

  static Certificate cert(KeyStore ks) throws Exception {
    Certificate[] chain = ks.getCertificateChain(ks.aliases().nextElement());
    return chain[chain.length - 1]; // the root: self-signed, or the CA
  }

  /** A server context presenting {@code ks}'s certificate. */
  static SSLContext serverContext(KeyStore ks) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client context that trusts exactly the certificates of {@code trusted}. */
  static SSLContext clientContext(KeyStore... trusted) throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    for (KeyStore ks : trusted) {
      ts.setCertificateEntry(ks.aliases().nextElement(), cert(ks));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
