package dev.kasa.conventions;

import java.lang.reflect.Proxy;

/**
 * The program {@link CdsOptionsTest} runs from a jar of its own: it prints one line, and its proxy
 * class is one a dynamic CDS archive cannot hold (the JVM logs a warning about it when it writes
 * the archive, which must not reach the output).
 */
final class CdsHello {
  private CdsHello() {}

  public static void main(String[] args) {
    Runnable proxy =
        (Runnable)
            Proxy.newProxyInstance(
                CdsHello.class.getClassLoader(),
                new Class<?>[] {Runnable.class},
                (self, method, arguments) -> null);
    proxy.run();
    System.out.println("hello");
  }
}
