package dev.kasa.node.store;

import dev.kasa.node.asset.Asset;
import dev.kasa.node.asset.AssetKind;
import dev.kasa.node.asset.Cidr;
import dev.kasa.node.asset.Sector;
import java.util.Arrays;
import java.util.List;

/** Protected assets ({@code asset}); every change bumps {@code node_state.asset_epoch}. */
public final class AssetStore {
  private final Store store;

  AssetStore(Store store) {
    this.store = store;
  }

  /** Adds or replaces (by name) every asset in one transaction. */
  public void put(List<Asset> assets) {
    if (assets.isEmpty()) {
      return;
    }
    store.write(
        h -> {
          var batch =
              h.prepareBatch(
                  "INSERT INTO asset (name, kind, addresses, hostnames, owner, sector, criticality,"
                      + " tags, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name)"
                      + " DO UPDATE SET kind = excluded.kind, addresses = excluded.addresses,"
                      + " hostnames = excluded.hostnames, owner = excluded.owner,"
                      + " sector = excluded.sector, criticality = excluded.criticality,"
                      + " tags = excluded.tags, updated_at = excluded.updated_at");
          long now = store.nowMicros();
          for (Asset a : assets) {
            batch
                .bind(0, a.name())
                .bind(1, a.kind().label())
                .bind(2, String.join(";", a.addresses().stream().map(Cidr::toString).toList()))
                .bind(3, String.join(";", a.hostnames()))
                .bind(4, a.owner())
                .bind(5, a.sector().label())
                .bind(6, a.criticality())
                .bind(7, String.join(";", a.tags()))
                .bind(8, now)
                .add();
          }
          batch.execute();
          h.execute("UPDATE node_state SET asset_epoch = asset_epoch + 1 WHERE id = 1");
          return null;
        });
  }

  /** Removes the asset named {@code name}; false when there is none. */
  public boolean delete(String name) {
    return store.write(
        h -> {
          int n = h.createUpdate("DELETE FROM asset WHERE name = :n").bind("n", name).execute();
          if (n > 0) {
            h.execute("UPDATE node_state SET asset_epoch = asset_epoch + 1 WHERE id = 1");
          }
          return n > 0;
        });
  }

  /** Every asset, by name. */
  public List<Asset> list() {
    return store.call(
        h ->
            h.createQuery(
                    "SELECT name, kind, addresses, hostnames, owner, sector, criticality, tags"
                        + " FROM asset ORDER BY name")
                .map(
                    (rs, ctx) ->
                        new Asset(
                            rs.getString(1),
                            AssetKind.parse(rs.getString(2)),
                            split(rs.getString(3)).stream().map(Cidr::parse).toList(),
                            split(rs.getString(4)),
                            rs.getString(5),
                            Sector.parse(rs.getString(6)),
                            rs.getInt(7),
                            split(rs.getString(8))))
                .list());
  }

  /** Moves with every change of assets, by this process or another. */
  public long epoch() {
    return store.call(
        h ->
            h.createQuery("SELECT asset_epoch FROM node_state WHERE id = 1")
                .mapTo(Long.class)
                .one());
  }

  private static List<String> split(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(";"));
  }
}
