package dev.kasa.node.tls;

import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A node's TLS key and self-signed certificate (EC P-256, made with Bouncy Castle), valid for
 * {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the node's other host names. Clients pin
 * the certificate and still check the host name against it ({@link #pinnedClientContext}).
 *
 * @param key the private key
 * @param certificate the self-signed certificate
 */
public record NodeCertificate(PrivateKey key, X509Certificate certificate) {
  /** The names every node certificate covers. */
  public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final Duration VALIDITY = Duration.ofDays(825);

  public NodeCertificate {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** Makes a new key and a certificate for the local names and {@code hosts}. */
  public static NodeCertificate generate(String nodeName, List<String> hosts, Clock clock) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = g.generateKeyPair();
      var names = new LinkedHashSet<String>(LOCAL_NAMES);
      names.addAll(hosts);
      var general = new ArrayList<GeneralName>();
      for (String n : names) {
        general.add(
            isAddress(n)
                ? new GeneralName(GeneralName.iPAddress, n)
                : new GeneralName(GeneralName.dNSName, n));
      }
      Instant now = clock.instant();
      X500Name subject = new X500Name("CN=" + cnOf(nodeName) + ",O=Kasa node");
      var builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(127, new SecureRandom()),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              pair.getPublic());
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(general.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509CertificateHolder holder =
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
      return new NodeCertificate(pair.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot make a TLS certificate: " + e, e);
    }
  }

  /** Writes {@code key.pem} (owner-only) and {@code cert.pem} into {@code dir}. */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("key.pem");
      Files.writeString(keyFile, pem(new JcaPKCS8Generator(key, null)));
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's protection applies
      }
      Files.writeString(dir.resolve("cert.pem"), certificatePem());
    } catch (IOException e) {
      throw new KasaException(
          ErrorCode.IO_FAILURE, "cannot write TLS files in " + dir + ": " + e, e);
    }
  }

  /** Reads {@code key.pem} and {@code cert.pem} from {@code dir}. */
  public static NodeCertificate read(Path dir) {
    try (Reader keyIn = Files.newBufferedReader(dir.resolve("key.pem"));
        PEMParser keys = new PEMParser(keyIn)) {
      Object parsed = keys.readObject();
      var converter = new JcaPEMKeyConverter();
      PrivateKey key =
          parsed instanceof PEMKeyPair kp
              ? converter.getKeyPair(kp).getPrivate()
              : converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parsed);
      return new NodeCertificate(key, readCertificate(dir.resolve("cert.pem")));
    } catch (IOException | ClassCastException | NullPointerException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT,
          "cannot read the TLS key and certificate in " + dir + ": " + e,
          e);
    }
  }

  /** Reads a PEM certificate (as {@code kasa node cert} prints it). */
  public static X509Certificate readCertificate(Path file) {
    try (var in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new KasaException(
          ErrorCode.UNREADABLE_INPUT, "cannot read a certificate from " + file + ": " + e, e);
    }
  }

  /** Reads a PEM certificate from text (as {@code kasa node cert} prints it). */
  public static X509Certificate parseCertificate(String pem) {
    try (var in = new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new KasaException(ErrorCode.USAGE, "not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** The certificate in PEM. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** A key store holding the key and certificate, for the server. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("node", key, password, new java.security.cert.Certificate[] {certificate});
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot build a key store: " + e, e);
    }
  }

  /**
   * A client TLS context that trusts exactly {@code pinned} (TLS 1.2+). Used with HTTPS endpoint
   * identification, the host name is still checked against the certificate.
   */
  public static SSLContext pinnedClientContext(X509Certificate pinned) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("pinned", pinned);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot build a TLS context: " + e, e);
    }
  }

  /** A server key manager factory over this key and certificate. */
  public KeyManagerFactory keyManagers() {
    try {
      char[] pw = new char[0];
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(pw), pw);
      return kmf;
    } catch (GeneralSecurityException e) {
      throw new KasaException(ErrorCode.INTERNAL, "cannot build key managers: " + e, e);
    }
  }

  private static String pem(Object o) {
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  static boolean isAddress(String n) {
    return n.contains(":") || n.matches("[0-9]+(\\.[0-9]+){3}");
  }

  private static String cnOf(String name) {
    return name.replaceAll("[^A-Za-z0-9 ._-]", "_");
  }
}
