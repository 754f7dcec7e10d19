package dev.kasa.node.link;

import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.sharing.SharingPolicy;
import dev.kasa.node.store.Store;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every link of a node shares: the store, the sharing seam, the current recipients (partners
 * with their grants), the object intake, the timing, and where problems are reported.
 */
public record LinkContext(
    Store store,
    SharingPolicy sharing,
    Function<String, Optional<Recipient>> recipients,
    ObjectIntake intake,
    LinkTiming timing,
    PrintStream log) {
  public LinkContext {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(sharing, "sharing");
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(intake, "intake");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(log, "log");
  }
}
