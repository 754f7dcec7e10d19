package dev.kasa.node.asset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kasa.node.asset.AssetTouch.Side;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** AssetResolver against a naive oracle that checks every asset's every network. */
class AssetResolverProperties {
  @Property(tries = 300)
  void theResolverAgreesWithScanningEveryAsset(
      @ForAll("assetLists") List<Asset> assets,
      @ForAll("values") List<String> sources,
      @ForAll("values") List<String> destinations) {
    var resolver = new AssetResolver(assets);
    var got = resolver.resolve(sources, destinations, List.of()).touches();
    assertThat(got).isEqualTo(oracle(assets, sources, destinations));
  }

  @Example
  void hostBeforeNetworkAndWhichSideIsOurs() {
    var net =
        new Asset(
            "base7-lan",
            AssetKind.NETWORK,
            List.of(Cidr.parse("10.7.0.0/16")),
            List.of(),
            null,
            Sector.DEFENSE,
            4,
            List.of());
    var host =
        new Asset(
            "base7-dc1",
            AssetKind.HOST,
            List.of(Cidr.parse("10.7.0.10")),
            List.of("DC1.base7.mil"),
            "J6",
            Sector.DEFENSE,
            5,
            List.of("ad"));
    var r =
        new AssetResolver(List.of(net, host))
            .resolve(List.of("198.51.100.4"), List.of("10.7.0.10"), List.of());
    assertThat(r.touches())
        .extracting(t -> t.asset().name())
        .containsExactly("base7-dc1", "base7-lan");
    assertThat(r.ourSides()).containsExactly(Side.DESTINATION);
    assertThat(
            new AssetResolver(List.of(net, host))
                .resolve(List.of(), List.of(), List.of("dc1.BASE7.mil."))
                .mostSpecific())
        .isEqualTo(host);
  }

  /** Every (asset, side) once, by its most specific match, ordered as the resolver promises. */
  private static List<AssetTouch> oracle(
      List<Asset> assets, List<String> sources, List<String> destinations) {
    var all = new ArrayList<AssetTouch>();
    for (var side : List.of(Side.SOURCE, Side.DESTINATION)) {
      for (String v : side == Side.SOURCE ? sources : destinations) {
        Cidr address = Cidr.parse(v);
        for (Asset a : assets) {
          for (Cidr c : a.addresses()) {
            if (c.contains(address)) {
              all.add(new AssetTouch(a, side, v, c));
            }
          }
        }
      }
    }
    all.sort(AssetResolver.ORDER);
    var seen = new HashSet<String>();
    return all.stream().filter(t -> seen.add(t.asset().name() + "/" + t.side())).toList();
  }

  @Provide
  Arbitrary<List<Asset>> assetLists() {
    Arbitrary<Cidr> cidrs =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.integers().between(0, 3),
                    Arbitraries.integers().between(0, 255),
                    Arbitraries.integers().between(0, 32))
                .as((a, b, p) -> masked("10." + a + "." + b + ".7", p, false)),
            Combinators.combine(
                    Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 128))
                .as((a, p) -> masked("2001:db8::" + a + ":1", p, true)));
    Arbitrary<Asset> asset =
        Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of(AssetKind.class),
                cidrs.list().ofMinSize(1).ofMaxSize(3))
            .as(
                (n, k, c) ->
                    new Asset("a" + n, k, c, List.of(), null, Sector.ENERGY, 3, List.of()));
    return asset.list().ofMaxSize(40).uniqueElements(Asset::name);
  }

  private static Cidr masked(String address, int prefix, boolean v6) {
    Cidr c = Cidr.parse(address);
    long hi = c.hi();
    long lo = c.lo();
    int max = v6 ? 128 : 32;
    for (int i = prefix; i < max; i++) {
      if (!v6) {
        lo &= ~(1L << (31 - i));
      } else if (i < 64) {
        hi &= ~(1L << (63 - i));
      } else {
        lo &= ~(1L << (127 - i));
      }
    }
    return new Cidr(v6, hi, lo, prefix);
  }

  @Provide
  Arbitrary<List<String>> values() {
    return Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 255))
                .as((a, b) -> "10." + a + "." + b + ".7"),
            Arbitraries.integers().between(0, 3).map(a -> "2001:db8::" + a + ":1"))
        .list()
        .ofMaxSize(3);
  }
}
