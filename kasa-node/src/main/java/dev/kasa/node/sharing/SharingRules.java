package dev.kasa.node.sharing;

import dev.kasa.node.store.AccessState.Kind;
import dev.kasa.node.store.AccessState.Role;
import dev.kasa.node.store.Origin;
import dev.kasa.stix.Tlp;
import java.util.Set;

/**
 * The TLP 2.0 rules of federation, as one pure function: may this object version go to this
 * recipient, and which rule decided. Collection grants are checked before (a recipient must hold a
 * read grant on a collection that holds the object: {@link SharingPolicy#mayRead}); these rules
 * then restrict further. Default deny.
 *
 * <ul>
 *   <li>A local user with role admin or analyst sees everything; a sensor nothing.
 *   <li>A version may always go back to a partner it came from.
 *   <li>Ours (a local user among its origins): as the grants allow, except TLP:RED, which goes only
 *       to the partners named for its id.
 *   <li>Received from partners: to recipient B if, for at least one origin A: CLEAR, always; GREEN,
 *       B shares a community with A; AMBER, AMBER+STRICT, RED, never. Unmarked: as {@code
 *       relay-unmarked} says (never, as CLEAR, as GREEN).
 *   <li>Both the version's own TLP and the TLP of the newest version held must allow it.
 *   <li>A sighting made here (a local user among its origins) of something the node holds takes
 *       that object's origins and marking: it may always go back to a partner that object came
 *       from, and beyond that only where that object may go (and where its own markings, if any,
 *       allow). A received sighting may go back to where what it sights came from; beyond that it
 *       goes as its own rules say and only where what it sights may go.
 * </ul>
 *
 * One partner is one organisation: AMBER and AMBER+STRICT both mean "the receiving partner only".
 * References inside an object are neither followed nor rewritten; other markings never decide.
 */
public final class SharingRules {
  /** Rule names, as {@link Decision#rule()} reports them and the audit records them. */
  public static final String LOCAL_READER = "local-reader";

  public static final String LOCAL_SENSOR = "local-sensor-reads-nothing";
  public static final String BACK_TO_ORIGIN = "back-to-origin";
  public static final String OURS = "ours-as-granted";
  public static final String OURS_RED_NAMED = "ours-red-named-recipient";
  public static final String OURS_RED_NOT_NAMED = "ours-red-not-named";
  public static final String CLEAR = "received-clear";
  public static final String GREEN_COMMUNITY = "received-green-community";
  public static final String GREEN_NO_COMMUNITY = "received-green-no-community";
  public static final String AMBER_NOT_RELAYED = "received-amber-not-relayed";
  public static final String RED_NOT_RELAYED = "received-red-not-relayed";
  public static final String UNMARKED_NOT_RELAYED = "received-unmarked-not-relayed";
  public static final String UNMARKED_AS_CLEAR = "received-unmarked-as-clear";
  public static final String UNMARKED_AS_GREEN = "received-unmarked-as-green-community";
  public static final String UNMARKED_NO_COMMUNITY = "received-unmarked-as-green-no-community";
  public static final String NEWEST_PREFIX = "newest-version:";
  public static final String SIGHTING_TO_SOURCE = "sighting-back-to-source";
  public static final String SIGHTED_WITHHELD = "sighted-object-withheld";

  private SharingRules() {}

  /** Whether {@code version} may go to {@code recipient} under {@code agreements}. */
  public static Decision decide(VersionFacts version, Recipient recipient, Agreements agreements) {
    if (!recipient.isPartner()) {
      return recipient.role() == Role.ADMIN || recipient.role() == Role.ANALYST
          ? Decision.allow(LOCAL_READER)
          : Decision.deny(LOCAL_SENSOR);
    }
    String to = recipient.name();
    VersionFacts sighted = version.sighted();
    if (sighted != null && version.isOurs()) {
      return madeHere(version, sighted, recipient, agreements);
    }
    if (sighted != null && sighted.cameFrom(to)) {
      return Decision.allow(SIGHTING_TO_SOURCE);
    }
    Decision own =
        byMarkings(
            version.stixId(),
            version.tlp(),
            version.newestTlp(),
            version.origins(),
            to,
            agreements);
    if (own.allowed() && sighted != null) {
      Decision object = decide(sighted, recipient, agreements);
      if (!object.allowed()) {
        return Decision.deny(SIGHTED_WITHHELD + ":" + object.rule());
      }
    }
    return own;
  }

  // A sighting made here takes the origins and marking of what it sights: it may always go back
  // to a partner that object came from, and beyond that only where that object may go (its own
  // markings, where it has any, restrict further).
  private static Decision madeHere(
      VersionFacts sighting, VersionFacts sighted, Recipient recipient, Agreements agreements) {
    String to = recipient.name();
    if (sighted.cameFrom(to)) {
      return Decision.allow(SIGHTING_TO_SOURCE);
    }
    Decision object = decide(sighted, recipient, agreements);
    if (!object.allowed()) {
      return Decision.deny(SIGHTED_WITHHELD + ":" + object.rule());
    }
    // Marked no wider than what it sights, as the engine's sightings are (dev.kasa.sighting).
    Tlp own = sighting.tlp().max(sighted.tlp());
    Tlp newest = sighting.newestTlp().max(sighted.tlp());
    return byMarkings(sighted.stixId(), own, newest, sighted.origins(), to, agreements);
  }

  // Both the version's own TLP and the newest version's must allow it.
  private static Decision byMarkings(
      String stixId, Tlp own, Tlp newest, Set<Origin> origins, String to, Agreements a) {
    Decision d = byMarking(stixId, own, origins, to, a);
    if (!d.allowed() || newest == own) {
      return d;
    }
    Decision n = byMarking(stixId, newest, origins, to, a);
    return n.allowed() ? d : Decision.deny(NEWEST_PREFIX + n.rule());
  }

  private static Decision byMarking(
      String stixId, Tlp tlp, Set<Origin> origins, String to, Agreements a) {
    Decision denied = null;
    for (Origin o : origins) {
      if (o.kind() == Kind.PARTNER && o.principal().equals(to)) {
        return Decision.allow(BACK_TO_ORIGIN);
      }
    }
    for (Origin o : origins) {
      if (o.kind() == Kind.USER) {
        if (tlp != Tlp.RED) {
          return Decision.allow(OURS);
        }
        if (a.isRedRecipient(stixId, to)) {
          return Decision.allow(OURS_RED_NAMED);
        }
        denied = Decision.deny(OURS_RED_NOT_NAMED);
      }
    }
    for (Origin o : origins) {
      if (o.kind() != Kind.PARTNER) {
        continue;
      }
      Decision d = received(tlp, o.principal(), to, a);
      if (d.allowed()) {
        return d;
      }
      denied = denied == null ? d : denied;
    }
    return denied != null ? denied : Decision.deny(UNMARKED_NOT_RELAYED);
  }

  // A version that partner 'from' gave us, going to partner 'to'.
  private static Decision received(Tlp tlp, String from, String to, Agreements a) {
    return switch (tlp) {
      case CLEAR -> Decision.allow(CLEAR);
      case GREEN ->
          a.shareCommunity(from, to)
              ? Decision.allow(GREEN_COMMUNITY)
              : Decision.deny(GREEN_NO_COMMUNITY);
      case AMBER, AMBER_STRICT -> Decision.deny(AMBER_NOT_RELAYED);
      case RED -> Decision.deny(RED_NOT_RELAYED);
      case NONE ->
          switch (a.relayUnmarked()) {
            case NONE -> Decision.deny(UNMARKED_NOT_RELAYED);
            case CLEAR -> Decision.allow(UNMARKED_AS_CLEAR);
            case GREEN ->
                a.shareCommunity(from, to)
                    ? Decision.allow(UNMARKED_AS_GREEN)
                    : Decision.deny(UNMARKED_NO_COMMUNITY);
          };
    };
  }
}
