package dev.kasa.evtxwriter;

import dev.kasa.evtxwriter.XmlNode.Attribute;
import dev.kasa.evtxwriter.XmlNode.Element;
import dev.kasa.evtxwriter.XmlNode.Substitution;
import dev.kasa.evtxwriter.XmlNode.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Templates shaped as Windows writes them: an outer template with the {@code System} section (its
 * values as optional substitutions 0 to 16, the computer name as literal text) whose substitution
 * 17 is the event's data as nested binary XML, itself an instance of an {@code EventData} template.
 * Stateless.
 */
public final class WindowsEvents {
  /** The namespace of the {@code Event} element. */
  public static final String NAMESPACE = "http://schemas.microsoft.com/win/2004/08/events/event";

  private WindowsEvents() {}

  /**
   * The values of the {@code System} section.
   *
   * @param qualifiers the EventID qualifiers, or null (the attribute is then left out)
   * @param activityId the correlation activity id, or null
   * @param userSid the security user id, or null
   */
  public record SystemValues(
      String provider,
      UUID providerGuid,
      int eventId,
      Integer qualifiers,
      int version,
      int level,
      int task,
      int opcode,
      long keywords,
      Instant created,
      long recordId,
      UUID activityId,
      long processId,
      long threadId,
      String channel,
      String userSid) {
    public SystemValues {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(created, "created");
      Objects.requireNonNull(channel, "channel");
    }
  }

  /** The outer template for events logged by {@code computer}. */
  public static Template system(String computer) {
    Element system =
        new Element(
            "System",
            List.of(),
            List.of(
                new Element(
                    "Provider",
                    List.of(
                        new Attribute("Name", opt(14, ValueType.STRING)),
                        new Attribute("Guid", opt(15, ValueType.GUID))),
                    List.of()),
                new Element(
                    "EventID",
                    List.of(new Attribute("Qualifiers", opt(4, ValueType.UINT16))),
                    List.of(opt(3, ValueType.UINT16))),
                new Element("Version", opt(11, ValueType.UINT8)),
                new Element("Level", opt(0, ValueType.UINT8)),
                new Element("Task", opt(2, ValueType.UINT16)),
                new Element("Opcode", opt(1, ValueType.UINT8)),
                new Element("Keywords", opt(5, ValueType.HEX_INT64)),
                new Element(
                    "TimeCreated",
                    List.of(new Attribute("SystemTime", opt(6, ValueType.FILETIME))),
                    List.of()),
                new Element("EventRecordID", opt(10, ValueType.UINT64)),
                new Element(
                    "Correlation",
                    List.of(
                        new Attribute("ActivityID", opt(7, ValueType.GUID)),
                        new Attribute("RelatedActivityID", opt(13, ValueType.GUID))),
                    List.of()),
                new Element(
                    "Execution",
                    List.of(
                        new Attribute("ProcessID", opt(8, ValueType.UINT32)),
                        new Attribute("ThreadID", opt(9, ValueType.UINT32))),
                    List.of()),
                new Element("Channel", opt(16, ValueType.STRING)),
                new Element("Computer", new Text(computer)),
                new Element(
                    "Security",
                    List.of(new Attribute("UserID", opt(12, ValueType.SID))),
                    List.of())));
    Element event =
        new Element(
            "Event",
            List.of(new Attribute("xmlns", new Text(NAMESPACE))),
            List.of(system, opt(17, ValueType.BIN_XML)));
    return new Template(id("system:" + computer), event);
  }

  /**
   * An {@code EventData} template: one {@code <Data Name="name">} per name, holding normal
   * substitution {@code i} of {@code types.get(i)}.
   */
  public static Template eventData(String key, List<String> names, List<ValueType> types) {
    if (names.size() != types.size()) {
      throw new IllegalArgumentException(
          names.size() + " names but " + types.size() + " types for " + key);
    }
    List<XmlNode> data = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      data.add(
          new Element(
              "Data",
              List.of(new Attribute("Name", new Text(names.get(i)))),
              List.of(new Substitution(i, false, types.get(i)))));
    }
    return new Template(id("eventdata:" + key), new Element("EventData", List.of(), data));
  }

  /** The 18 values of a {@link #system} template instance; {@code data} becomes value 17. */
  public static List<Value> values(SystemValues s, Value data) {
    List<Value> v = new ArrayList<>(18);
    v.add(Value.uint8(s.level()));
    v.add(Value.uint8(s.opcode()));
    v.add(Value.uint16(s.task()));
    v.add(Value.uint16(s.eventId()));
    v.add(s.qualifiers() == null ? Value.nul() : Value.uint16(s.qualifiers()));
    v.add(Value.hexInt64(s.keywords()));
    v.add(Value.fileTime(s.created()));
    v.add(s.activityId() == null ? Value.nul() : Value.guid(s.activityId()));
    v.add(Value.uint32(s.processId()));
    v.add(Value.uint32(s.threadId()));
    v.add(Value.uint64(s.recordId()));
    v.add(Value.uint8(s.version()));
    v.add(s.userSid() == null ? Value.nul() : Value.sid(s.userSid()));
    v.add(Value.nul());
    v.add(Value.string(s.provider()));
    v.add(s.providerGuid() == null ? Value.nul() : Value.guid(s.providerGuid()));
    v.add(Value.string(s.channel()));
    v.add(data);
    return v;
  }

  private static Substitution opt(int index, ValueType type) {
    return Substitution.optional(index, type);
  }

  private static UUID id(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
