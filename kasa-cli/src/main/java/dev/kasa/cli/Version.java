package dev.kasa.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest, or {@code dev} when run from classes. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Kasa.class.getPackage().getImplementationVersion();
    return new String[] {"kasa " + (v == null ? "dev" : v)};
  }
}
