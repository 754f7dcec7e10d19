package dev.kasa.cli.node;

import dev.kasa.node.Secrets;
import dev.kasa.node.admin.Secret;
import dev.kasa.node.store.AccessState.SecretKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --password-file F} and {@code --token-file F}, each repeatable: a secret's first line. */
final class SecretOptions {
  @Option(
      names = "--password-file",
      paramLabel = "F",
      description = "a file whose first line is a password (HTTP Basic; repeatable)")
  List<Path> passwordFiles = new ArrayList<>();

  @Option(
      names = "--token-file",
      paramLabel = "F",
      description = "a file whose first line is a bearer token (repeatable)")
  List<Path> tokenFiles = new ArrayList<>();

  List<Secret> secrets() {
    var out = new ArrayList<Secret>();
    passwordFiles.forEach(f -> out.add(new Secret(SecretKind.PASSWORD, Secrets.firstLine(f))));
    tokenFiles.forEach(f -> out.add(new Secret(SecretKind.TOKEN, Secrets.firstLine(f))));
    return out;
  }
}
