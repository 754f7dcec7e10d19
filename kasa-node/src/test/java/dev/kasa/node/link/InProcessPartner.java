package dev.kasa.node.link;

import dev.kasa.node.http.HttpProblem;
import dev.kasa.node.intake.ObjectIntake;
import dev.kasa.node.sharing.Recipient;
import dev.kasa.node.store.ObjectIngest.Outcome;
import dev.kasa.node.store.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A partner's collections answered in process from its node, as its TAXII routes would answer
 * {@code caller}: the same served collections and sharing seam, without HTTP.
 */
final class InProcessPartner implements PartnerEndpoint {
  private final InProcessNode node;
  private final String caller;

  InProcessPartner(InProcessNode node, String caller) {
    this.node = node;
    this.caller = caller;
  }

  @Override
  public TaxiiClient.Page objects(String collection, String addedAfter, String next, int limit) {
    return page(collection, addedAfter, next, limit, null);
  }

  @Override
  public TaxiiClient.Page sightings(String collection, String addedAfter, String next, int limit) {
    return page(collection, addedAfter, next, limit, "sighting");
  }

  private TaxiiClient.Page page(
      String collection, String addedAfter, String next, int limit, String type) {
    Map<String, List<String>> params = new HashMap<>();
    params.put("limit", List.of(Integer.toString(limit)));
    if (addedAfter != null) {
      params.put("added_after", List.of(addedAfter));
    }
    if (next != null) {
      params.put("next", List.of(next));
    }
    if (type != null) {
      params.put("match[type]", List.of(type));
    }
    try {
      var p = node.served().objects(caller(), collection, params);
      return new TaxiiClient.Page(p.body(), p.more(), p.next(), p.dateAddedLast());
    } catch (HttpProblem e) {
      throw new TaxiiClient.Refused(e.kind().status(), e.getMessage());
    }
  }

  @Override
  public TaxiiClient.Status add(String collection, byte[] envelope) {
    Recipient r = caller();
    try {
      var acceptable = node.served().additions(r, collection);
      ObjectIntake.Result read = node.intake().read(envelope, "in-process POST");
      if (!acceptable.test(read.accepted())) {
        throw new TaxiiClient.Refused(403, "only sightings of what it was served");
      }
      List<Outcome> out =
          node.store().ingest().add(collection, new Origin(r.name(), r.kind()), read.accepted());
      return new TaxiiClient.Status(
          "complete", out.size(), out.size(), 0, 0, new ArrayList<String>());
    } catch (HttpProblem e) {
      throw new TaxiiClient.Refused(e.kind().status(), e.getMessage());
    }
  }

  @Override
  public Optional<TaxiiClient.Change> changes(String collection, String after) {
    return Optional.empty();
  }

  private Recipient caller() {
    return node.auth()
        .recipient(caller)
        .orElseThrow(() -> new TaxiiClient.Refused(401, "no partner " + caller));
  }
}
