package dev.kasa.stix;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The fast path of {@link StixReader} for indicator objects: the properties a {@link StixIndicator}
 * models (all but {@code external_references} and {@code granular_markings}) taken into slots as
 * the reader decodes them, instead of a {@link PropertyBag}, and made into the record without a
 * map. Whatever it does not take (another property, a value of another JSON type, a property seen
 * twice, a timestamp that does not parse, no id) hands the object over to the general path ({@link
 * #toBag}) with what it took so far, so that the record and the errors are those of the general
 * path. Not thread-safe; one per reader, {@link #reset} for each object.
 */
final class StixIndicatorFields {
  static final String[] NAMES = {
    "type",
    "id",
    "spec_version",
    "created",
    "modified",
    "created_by_ref",
    "name",
    "description",
    "pattern",
    "pattern_type",
    "pattern_version",
    "valid_from",
    "valid_until",
    "revoked",
    "confidence",
    "labels",
    "indicator_types",
    "object_marking_refs"
  };
  static final int TYPE = 0;
  static final int ID = 1;
  static final int SPEC_VERSION = 2;
  static final int CREATED = 3;
  static final int MODIFIED = 4;
  static final int CREATED_BY_REF = 5;
  static final int NAME = 6;
  static final int DESCRIPTION = 7;
  static final int PATTERN = 8;
  static final int PATTERN_TYPE = 9;
  static final int PATTERN_VERSION = 10;
  static final int VALID_FROM = 11;
  static final int VALID_UNTIL = 12;
  static final int LAST_STRING = VALID_UNTIL;
  static final int REVOKED = 13;
  static final int CONFIDENCE = 14;
  static final int LABELS = 15;
  static final int INDICATOR_TYPES = 16;
  static final int OBJECT_MARKING_REFS = 17;

  private final Object[] slots = new Object[NAMES.length];
  // The last timestamp parsed: created, modified and valid_from are often the same text.
  private StixTimestamp lastTimestamp;

  /** Empties the slots for a new object. */
  StixIndicatorFields reset() {
    Arrays.fill(slots, null);
    return this;
  }

  /**
   * Takes a property as the reader decoded it (a String, a Boolean, a List of strings or a JSON
   * node); false when the fast path does not take it and the object must go to the general path.
   */
  boolean take(String name, Object value) {
    int s = slot(name);
    if (s < 0 || slots[s] != null || !fits(s, value)) {
      return false;
    }
    slots[s] = value;
    return true;
  }

  /**
   * Takes a value of the type its slot holds (see {@link #fits}); false when the slot is taken
   * already (a repeated property: the general path's).
   */
  boolean put(int slot, Object value) {
    if (slots[slot] != null) {
      return false;
    }
    slots[slot] = value;
    return true;
  }

  /** What was taken so far, as the general path would hold it. */
  PropertyBag toBag(String path) {
    var bag = new PropertyBag(path);
    if (slots[ID] != null) {
      bag.id((String) slots[ID]);
    }
    for (int s = 0; s < slots.length; s++) {
      if (slots[s] != null) {
        bag.put(NAMES[s], slots[s]);
      }
    }
    return bag;
  }

  /**
   * The entry of the whole object (validated as the general path validates it), or null when the
   * general path must make it ({@link #toBag}).
   */
  StixEntry entry(int index) {
    String id = (String) slots[ID];
    if (id == null) {
      return null;
    }
    StixTimestamp created = timestamp(CREATED);
    StixTimestamp modified = timestamp(MODIFIED);
    StixTimestamp validFrom = timestamp(VALID_FROM);
    StixTimestamp validUntil = timestamp(VALID_UNTIL);
    if (created == null && slots[CREATED] != null
        || modified == null && slots[MODIFIED] != null
        || validFrom == null && slots[VALID_FROM] != null
        || validUntil == null && slots[VALID_UNTIL] != null) {
      return null;
    }
    IntNode confidence = (IntNode) slots[CONFIDENCE];
    var common =
        new StixCommon(
            (String) slots[TYPE],
            id,
            (String) slots[SPEC_VERSION],
            created,
            modified,
            (String) slots[CREATED_BY_REF],
            (Boolean) slots[REVOKED],
            strings(LABELS),
            confidence == null ? null : confidence.intValue(),
            null,
            strings(OBJECT_MARKING_REFS),
            null);
    var indicator =
        new StixIndicator(
            common,
            (String) slots[NAME],
            (String) slots[DESCRIPTION],
            strings(INDICATOR_TYPES),
            (String) slots[PATTERN],
            (String) slots[PATTERN_TYPE],
            (String) slots[PATTERN_VERSION],
            validFrom,
            validUntil,
            Map.of());
    var errors = StixValidator.validateIndicator(indicator, index);
    return errors.isEmpty()
        ? new StixEntry(index, id, indicator, List.of())
        : new StixEntry(index, id, null, errors);
  }

  private StixTimestamp timestamp(int s) {
    String text = (String) slots[s];
    if (text == null) {
      return null;
    }
    StixTimestamp last = lastTimestamp;
    if (last != null && last.text().equals(text)) {
      return last;
    }
    StixTimestamp t = StixTimestamp.parse(text);
    if (t != null) {
      lastTimestamp = t;
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private List<String> strings(int s) {
    return (List<String>) slots[s];
  }

  // The general path's types: PropertyBag.str, bool, strings and integer accept exactly these.
  static boolean fits(int s, Object value) {
    if (s <= LAST_STRING) {
      return value instanceof String;
    }
    return switch (s) {
      case REVOKED -> value instanceof Boolean;
      case CONFIDENCE -> value instanceof IntNode;
      default -> value instanceof List;
    };
  }

  private static int slot(String name) {
    return switch (name) {
      case "type" -> TYPE;
      case "id" -> ID;
      case "spec_version" -> SPEC_VERSION;
      case "created" -> CREATED;
      case "modified" -> MODIFIED;
      case "created_by_ref" -> CREATED_BY_REF;
      case "name" -> NAME;
      case "description" -> DESCRIPTION;
      case "pattern" -> PATTERN;
      case "pattern_type" -> PATTERN_TYPE;
      case "pattern_version" -> PATTERN_VERSION;
      case "valid_from" -> VALID_FROM;
      case "valid_until" -> VALID_UNTIL;
      case "revoked" -> REVOKED;
      case "confidence" -> CONFIDENCE;
      case "labels" -> LABELS;
      case "indicator_types" -> INDICATOR_TYPES;
      case "object_marking_refs" -> OBJECT_MARKING_REFS;
      default -> -1;
    };
  }
}
