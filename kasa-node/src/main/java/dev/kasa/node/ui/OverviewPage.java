package dev.kasa.node.ui;

import dev.kasa.node.alert.Priority;
import dev.kasa.node.store.AlertStore;
import dev.kasa.node.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The watch floor's overview: open alerts by priority, sector, asset and actor, and the detections
 * of the last 90 days per day and priority. Tables first (the page reads without JavaScript);
 * static/charts.js draws them as ECharts charts. Every number comes from an aggregate query over an
 * index (V7) or from the per-day table, never from alerts loaded into memory.
 */
final class OverviewPage {
  static final String PATH = "/ui/overview/";
  static final int TOP = 10;
  static final int DAYS = 90;

  private final WebUi ui;
  private final Store store;
  private final Templates templates;
  private final Clock clock;

  OverviewPage(WebUi ui, Store store, Templates templates, Clock clock) {
    this.ui = ui;
    this.store = store;
    this.templates = templates;
    this.clock = clock;
  }

  /** A count with the alert list it links to. */
  record Bar(String label, long alerts, String href) {}

  /** Detections (findings) on one UTC day, per priority low to critical. */
  record Day(String date, long[] perPriority) {
    long total() {
      long t = 0;
      for (long n : perPriority) {
        t += n;
      }
      return t;
    }
  }

  record OverviewView(
      Frame frame,
      long open,
      List<Bar> byPriority,
      List<Bar> bySector,
      List<Bar> byAsset,
      List<Bar> byActor,
      List<Day> days,
      List<String> priorities) {}

  void register(RoutesConfig routes) {
    routes.get(PATH, this::overview);
  }

  private void overview(Context ctx) {
    AlertStore alerts = store.alerts();
    List<Bar> byPriority = new ArrayList<>();
    long open = 0;
    var counted = alerts.openBy("priority", Priority.values().length);
    // Critical first, every priority shown (zero too): the order an analyst reads them in.
    for (int p = Priority.values().length - 1; p >= 0; p--) {
      String label = Priority.values()[p].label();
      long n =
          counted.stream()
              .filter(c -> label.equals(c.value()))
              .mapToLong(AlertStore.Count::alerts)
              .sum();
      open += n;
      byPriority.add(
          new Bar(label, n, AlertPages.PATH + "?status=new&status=acknowledged&priority=" + label));
    }
    List<Bar> bySector = new ArrayList<>();
    for (AlertStore.Count c : alerts.openBy("sector", TOP)) {
      // Alerts are not filtered by sector; the bar links nowhere.
      bySector.add(new Bar(c.value() == null ? "(no asset)" : c.value(), c.alerts(), null));
    }
    List<Bar> byAsset = new ArrayList<>();
    for (AlertStore.Count c : alerts.openBy("asset", TOP)) {
      boolean none = c.value() == null || c.value().isEmpty();
      byAsset.add(
          new Bar(
              none ? "(no asset)" : c.value(),
              c.alerts(),
              none ? null : AssetPages.href(c.value())));
    }
    List<Bar> byActor = new ArrayList<>();
    for (AlertStore.Count c : alerts.openBy("actor", TOP)) {
      byActor.add(
          new Bar(
              c.value() == null ? "(unattributed)" : c.value(),
              c.alerts(),
              c.value() == null ? null : AlertPages.openFor("actor", c.value())));
    }
    long today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toEpochDay();
    long first = today - DAYS + 1;
    long[][] perDay = new long[DAYS][Priority.values().length];
    for (long[] row : alerts.daily(first)) {
      int d = (int) (row[0] - first);
      if (d >= 0 && d < DAYS) {
        perDay[d][(int) row[1]] += row[2];
      }
    }
    List<Day> days = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      days.add(new Day(LocalDate.ofEpochDay(first + d).toString(), perDay[d]));
    }
    List<String> priorities = new ArrayList<>();
    for (Priority p : Priority.values()) {
      priorities.add(p.label());
    }
    ctx.html(
        templates.render(
            "overview.jte",
            new OverviewView(
                ui.frame(ctx, "Overview", "overview"),
                open,
                byPriority,
                bySector,
                byAsset,
                byActor,
                days,
                priorities)));
  }
}
