package dev.kasa.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kasa.intel.Indicator;
import dev.kasa.observable.ObservableType;
import dev.kasa.observable.Observables;
import dev.kasa.sighting.KasaUuids;
import dev.kasa.sighting.SightedDay;
import dev.kasa.sighting.Sighting;
import dev.kasa.stix.StixCommon;
import dev.kasa.stix.StixDomainName;
import dev.kasa.stix.StixEmailAddr;
import dev.kasa.stix.StixFile;
import dev.kasa.stix.StixIpv4Addr;
import dev.kasa.stix.StixIpv6Addr;
import dev.kasa.stix.StixObject;
import dev.kasa.stix.StixObservedData;
import dev.kasa.stix.StixSighting;
import dev.kasa.stix.StixUrl;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --observed} adds to a share-back bundle: per indicator sighting, an {@code
 * observed-data} holding the values seen (as cyber-observable objects, with the STIX ids their
 * value determines) and the hosts that logged them ({@code x_kasa_hosts}), marked exactly as the
 * sighting (so never wider than the indicator), and referenced by the sighting's {@code
 * observed_data_refs}. At most {@link #MAX_VALUES} values and {@link #MAX_HOSTS} hosts per
 * sighting: the rest are counted by the sighting, not listed.
 */
final class ObservedValues {
  static final int MAX_VALUES = 100;
  static final int MAX_HOSTS = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Key(String ref, LocalDate day) {}

  /** A cyber-observable: its type and value ({@code file} with the hash algorithm's name). */
  private record Sco(String type, String algorithm, String value) {}

  private record Seen(Set<Sco> values, Set<String> hosts) {}

  private final Map<Key, Seen> seen = new HashMap<>();

  /** One indicator hit on {@code ref}, of {@code value} as found in an event logged by host. */
  void add(String ref, long eventMillis, Indicator i, String value, String host) {
    Seen s =
        seen.computeIfAbsent(
            new Key(ref, SightedDay.dayOf(Instant.ofEpochMilli(eventMillis))),
            k -> new Seen(new LinkedHashSet<>(), new LinkedHashSet<>()));
    Sco sco = sco(i.type(), value);
    if (sco != null && s.values().size() < MAX_VALUES) {
      s.values().add(sco);
    }
    if (host != null && s.hosts().size() < MAX_HOSTS) {
      s.hosts().add(host);
    }
  }

  /**
   * The observables and observed-data of {@code sightings}, and each sighting with its {@code
   * observed_data_refs} (unchanged when nothing was observed for it, as for rule sightings).
   */
  List<StixObject> objects(List<StixSighting> sightings, List<Sighting> versions, String identity) {
    Map<String, StixObject> out = new LinkedHashMap<>();
    for (int n = 0; n < sightings.size(); n++) {
      Sighting v = versions.get(n);
      Seen s = seen.get(new Key(v.seen().sightingOfRef(), v.seen().day()));
      if (s == null || s.values().isEmpty()) {
        continue;
      }
      StixSighting sighting = sightings.get(n);
      List<String> markings = sighting.common().objectMarkingRefs();
      List<String> refs = new ArrayList<>();
      for (Sco sco : s.values()) {
        StixObject o = observable(sco, markings);
        out.putIfAbsent(o.id(), o);
        refs.add(o.id());
      }
      String id = "observed-data--" + KasaUuids.of("observed-data|" + sighting.id());
      Map<String, JsonNode> other = new LinkedHashMap<>();
      if (!s.hosts().isEmpty()) {
        ArrayNode hosts = JsonNodeFactory.instance.arrayNode();
        s.hosts().forEach(hosts::add);
        other.put("x_kasa_hosts", hosts);
      }
      StixCommon c = sighting.common();
      out.put(
          id,
          new StixObservedData(
              new StixCommon(
                  StixObservedData.TYPE,
                  id,
                  "2.1",
                  c.created(),
                  c.modified(),
                  identity,
                  null,
                  null,
                  null,
                  null,
                  markings,
                  null),
              sighting.firstSeen(),
              sighting.lastSeen(),
              sighting.count(),
              refs,
              other));
      sightings.set(
          n,
          new StixSighting(
              c,
              sighting.sightingOfRef(),
              List.of(id),
              sighting.whereSightedRefs(),
              sighting.count(),
              sighting.firstSeen(),
              sighting.lastSeen(),
              sighting.summary(),
              sighting.other()));
    }
    return new ArrayList<>(out.values());
  }

  /** The observable of a value as found, read as the indicator's type; null when it is not one. */
  private static Sco sco(ObservableType type, String raw) {
    ObservableType t =
        type.isAddress() ? raw.indexOf(':') >= 0 ? ObservableType.IPV6 : ObservableType.IPV4 : type;
    String v = Observables.tryNormalize(t, raw).orElse(null);
    if (v == null || t.isAddress() && v.indexOf('/') >= 0) {
      return null;
    }
    return switch (t) {
      case IPV4, IPV6, DOMAIN, URL, EMAIL -> new Sco(t.stixName(), null, v);
      case MD5 -> new Sco(StixFile.TYPE, "MD5", v);
      case SHA1 -> new Sco(StixFile.TYPE, "SHA-1", v);
      case SHA256 -> new Sco(StixFile.TYPE, "SHA-256", v);
      case SHA512 -> new Sco(StixFile.TYPE, "SHA-512", v);
    };
  }

  /** The object, its id the UUID v5 of its id-contributing properties (STIX 2.1 section 2.9). */
  private static StixObject observable(Sco sco, List<String> markings) {
    String contributing;
    try {
      contributing =
          sco.algorithm() == null
              ? JSON.writeValueAsString(Map.of("value", sco.value()))
              : JSON.writeValueAsString(Map.of("hashes", Map.of(sco.algorithm(), sco.value())));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    String id = sco.type() + "--" + KasaUuids.of(KasaUuids.STIX_OBSERVABLES, contributing);
    StixCommon c =
        new StixCommon(
            sco.type(), id, "2.1", null, null, null, null, null, null, null, markings, null);
    return switch (sco.type()) {
      case StixIpv4Addr.TYPE -> new StixIpv4Addr(c, sco.value(), Map.of());
      case StixIpv6Addr.TYPE -> new StixIpv6Addr(c, sco.value(), Map.of());
      case StixDomainName.TYPE -> new StixDomainName(c, sco.value(), Map.of());
      case StixUrl.TYPE -> new StixUrl(c, sco.value(), Map.of());
      case StixEmailAddr.TYPE -> new StixEmailAddr(c, sco.value(), null, Map.of());
      default -> new StixFile(c, null, Map.of(sco.algorithm(), sco.value()), Map.of());
    };
  }
}
