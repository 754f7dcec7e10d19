package dev.kasa.node.asset;

import dev.kasa.KasaException;
import dev.kasa.node.asset.AssetTouch.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which protected assets a finding's addresses and host names touch, most specific first (a host
 * name, then the longest prefix; at equal specificity a {@code host} asset before others, then by
 * name), for each side of a connection. Addresses are looked up in a binary prefix tree per family,
 * so a lookup costs at most 32 or 128 steps whatever the number of assets. Immutable and
 * thread-safe.
 */
public final class AssetResolver {
  /** Most specific first. */
  public static final Comparator<AssetTouch> ORDER =
      Comparator.comparingInt(AssetTouch::specificity)
          .reversed()
          .thenComparing(t -> t.asset().kind() != AssetKind.HOST)
          .thenComparing(t -> t.asset().name())
          .thenComparing(AssetTouch::side);

  private final List<Asset> assets;
  private final PrefixTree v4 = new PrefixTree();
  private final PrefixTree v6 = new PrefixTree();
  private final Map<String, List<Asset>> byHostname = new HashMap<>();

  public AssetResolver(Collection<Asset> assets) {
    this.assets = List.copyOf(assets);
    for (Asset a : this.assets) {
      for (Cidr c : a.addresses()) {
        (c.v6() ? v6 : v4).add(c, a);
      }
      for (String h : a.hostnames()) {
        byHostname.computeIfAbsent(h, k -> new ArrayList<>()).add(a);
      }
    }
  }

  /** The assets resolved against. */
  public List<Asset> assets() {
    return assets;
  }

  /**
   * What a connection touches.
   *
   * @param sources the source side's addresses and host names
   * @param destinations the destination side's
   * @param undirected values without a side
   */
  public Resolution resolve(
      Collection<String> sources, Collection<String> destinations, Collection<String> undirected) {
    var all = new ArrayList<AssetTouch>();
    add(all, sources, Side.SOURCE);
    add(all, destinations, Side.DESTINATION);
    add(all, undirected, Side.UNDIRECTED);
    all.sort(ORDER);
    // Each asset once per side, by its most specific match.
    var seen = new HashSet<String>();
    var out = new ArrayList<AssetTouch>();
    for (AssetTouch t : all) {
      if (seen.add(t.asset().name() + '\u0000' + t.side())) {
        out.add(t);
      }
    }
    return new Resolution(out);
  }

  private void add(List<AssetTouch> out, Collection<String> values, Side side) {
    for (String value : values) {
      if (value == null || value.isBlank()) {
        continue;
      }
      Cidr address = address(value);
      if (address != null) {
        (address.v6() ? v6 : v4)
            .matches(address, (c, a) -> out.add(new AssetTouch(a, side, value, c)));
      } else {
        for (Asset a : byHostname.getOrDefault(hostname(value), List.of())) {
          out.add(new AssetTouch(a, side, value, null));
        }
      }
    }
  }

  private static String hostname(String value) {
    String h = value.strip().toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static Cidr address(String value) {
    if (value.indexOf('/') >= 0) {
      return null;
    }
    try {
      return Cidr.parse(value);
    } catch (KasaException e) {
      return null;
    }
  }

  /** The assets touched, most specific first (the same asset may appear once per side). */
  public record Resolution(List<AssetTouch> touches) {
    public Resolution {
      touches = List.copyOf(touches);
    }

    /** Which side is ours: the sides on which an asset was touched. */
    public Set<Side> ourSides() {
      var s = java.util.EnumSet.noneOf(Side.class);
      touches.forEach(t -> s.add(t.side()));
      return s;
    }

    /** The most specific asset touched, or null. */
    public Asset mostSpecific() {
      return touches.isEmpty() ? null : touches.getFirst().asset();
    }
  }

  /** A binary tree on address bits; each node holds the assets whose network ends there. */
  private static final class PrefixTree {
    private final Node root = new Node();

    void add(Cidr c, Asset a) {
      Node n = root;
      for (int i = 0; i < c.prefix(); i++) {
        int b = c.bit(i) ? 1 : 0;
        if (n.next[b] == null) {
          n.next[b] = new Node();
        }
        n = n.next[b];
      }
      n.networks.add(c);
      n.assets.add(a);
    }

    void matches(Cidr address, java.util.function.BiConsumer<Cidr, Asset> found) {
      Node n = root;
      int i = 0;
      while (n != null) {
        for (int k = 0; k < n.assets.size(); k++) {
          found.accept(n.networks.get(k), n.assets.get(k));
        }
        if (i == address.prefix()) {
          break;
        }
        n = n.next[address.bit(i++) ? 1 : 0];
      }
    }
  }

  private static final class Node {
    final Node[] next = new Node[2];
    final List<Cidr> networks = new ArrayList<>(0);
    final List<Asset> assets = new ArrayList<>(0);
  }
}
