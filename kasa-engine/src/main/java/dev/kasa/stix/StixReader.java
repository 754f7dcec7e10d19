package dev.kasa.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kasa.ErrorCode;
import dev.kasa.KasaException;
import dev.kasa.Location.StixLocation;
import dev.kasa.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/**
 * Reads a STIX 2.0/2.1 bundle one object at a time with a streaming parser: memory stays bounded by
 * one object whatever the bundle's size. Each object is decoded straight into its record, then
 * validated ({@link StixValidator}); an invalid or oversized object comes back as an entry with
 * errors and the reading goes on. Not thread-safe.
 */
public final class StixReader implements Closeable {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  // Never reached: the input is capped (JsonNestingCap) below the reader's limit.
                  .maxNestingDepth(1000)
                  // Jackson's limits end the whole stream; ours skip one object (size, depth,
                  // MAX_NUMBER_CHARS), so Jackson's are set beyond reach.
                  .maxStringLength(Integer.MAX_VALUE / 2)
                  .maxNameLength(Integer.MAX_VALUE / 2)
                  .maxNumberLength(Integer.MAX_VALUE / 2)
                  .build())
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Longest number decoded; a longer one (its decoding costs quadratic time) rejects its object.
   */
  static final int MAX_NUMBER_CHARS = 1000;

  private JsonParser parser;
  private final String source;
  private final StixReaderLimits limits;
  private final BiPredicate<String, String> keep;
  private final Origin origin;
  // The fast path for indicator objects, or null when it is off.
  private StixIndicatorFields indicatorFields = new StixIndicatorFields();
  // The general path's properties of the object being read; null until it has one.
  private PropertyBag bag;
  private final Map<String, JsonNode> bundleOther = new LinkedHashMap<>();
  private final List<Problem> bundleErrors = new ArrayList<>(0);
  private String bundleId;
  private boolean inObjects;
  private boolean done;
  private int index;
  // The current parser's shift from its lines and columns to the whole input's.
  private int lineShift;
  private int columnShift;
  // A run read from bytes: the bytes, and the byte path for plain indicator objects (null when
  // off). The byte path reads from `at` (after '[' or an element; -1 while the parser reads);
  // line and lineStart are the piece's line at `at` and the offset of its first byte.
  private byte[] bytes;
  private int length;
  private StixIndicatorBytes plain;
  // The byte path for other objects (null when off, with the one for indicators).
  private StixObjectBytes plainObjects;
  private int at = -1;
  private int line = 1;
  private int lineStart;
  // The '[' or comma before the last element the byte path read, and its line: where a parser
  // can start again.
  private int lastOpen;
  private int lastOpenLine;
  private int lastOpenLineStart;
  // Where the current parser starts in the piece, its line and that line's first byte.
  private int parserStart;
  private int parserLine = 1;
  private int parserLineStart;
  // Elements left for the parser before the byte path tries again, after it declined one.
  private int declined;
  private int plainEntries;
  private int plainObjectEntries;
  private int framedEntries;
  // The run's elements the framer read (null when none).
  private final StixFramedEntries framed;

  /**
   * Starts reading {@code in} (not closed by {@link #close}).
   *
   * @throws KasaException {@link ErrorCode#INVALID_INPUT} when the input does not start with a JSON
   *     object
   */
  public StixReader(InputStream in, String source, StixReaderLimits limits) {
    this(in, source, limits, (type, property) -> true);
  }

  /**
   * Like {@link #StixReader(InputStream, String, StixReaderLimits)}, but a property for which
   * {@code keep.test(type, property)} is false is skipped without being decoded: it is neither
   * validated nor kept for writing. {@code type} is null while the object's {@code type} has not
   * been seen yet. For consumers (such as an importer) that need a few properties of millions of
   * objects.
   */
  public StixReader(
      InputStream in, String source, StixReaderLimits limits, BiPredicate<String, String> keep) {
    this(in, source, limits, keep, true);
  }

  /**
   * Like {@link #StixReader(InputStream, String, StixReaderLimits, BiPredicate)}, with the fast
   * path for indicator objects (decoded into fields, not a map of properties; the same records and
   * errors) on or off. Off, every object takes the general path: the reference the fast path is
   * tested against.
   */
  public StixReader(
      InputStream in,
      String source,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      boolean fastIndicators) {
    this(in, null, 0, 0, source, limits, keep, new Origin(0, 0, 0), null);
    if (!fastIndicators) {
      indicatorFields = null;
    }
  }

  /** As below, with no elements read by a framer. */
  StixReader(
      InputStream in,
      byte[] bytes,
      int length,
      int deepest,
      String source,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      Origin origin) {
    this(in, bytes, length, deepest, source, limits, keep, origin, null);
  }

  /**
   * Reads a piece of a bundle: either {@code in} or, when it is null, {@code bytes[0, length)}.
   * Element indices start at {@code origin.firstIndex()}; the locations of malformed JSON are
   * shifted by {@code origin} so that they name the line and column of the whole input. A piece
   * starting with {@code [} is a run of elements, anything else a bundle. The bytes are capped in
   * place ({@link JsonNestingCap}) unless a run's elements nest no deeper than {@code deepest}
   * (their own brackets being depth 1) and that is within the cap. The elements of a run that
   * {@code framed} holds (null for none) are not read again but handed out from it.
   */
  StixReader(
      InputStream in,
      byte[] bytes,
      int length,
      int deepest,
      String source,
      StixReaderLimits limits,
      BiPredicate<String, String> keep,
      Origin origin,
      StixFramedEntries framed) {
    this.source = source;
    this.limits = limits;
    this.keep = keep;
    this.origin = origin;
    this.index = origin.firstIndex();
    this.lineShift = origin.lineShift();
    this.columnShift = origin.columnShift();
    this.framed = framed;
    try {
      if (in != null) {
        parser = FACTORY.createParser(JsonNestingCap.capped(in, nestingCap(limits, false)));
      } else {
        boolean run = isRun(bytes, length);
        // A run's '[' is one level above its elements.
        if (!run || deepest >= nestingCap(limits, true)) {
          new JsonNestingCap(nestingCap(limits, run)).apply(bytes, 0, length);
        }
        parser = FACTORY.createParser(bytes, 0, length);
      }
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      JsonToken first = parser.nextToken();
      if (first == JsonToken.START_ARRAY && in == null) {
        inObjects = true;
        this.bytes = bytes;
        this.length = length;
        JsonLocation l = parser.currentLocation();
        at = (int) l.getByteOffset();
        lastOpen = at - 1;
        line = lastOpenLine = l.getLineNr();
        lineStart = lastOpenLineStart = at - l.getColumnNr() + 1;
        plain = new StixIndicatorBytes(indicatorFields, keep, limits.maxObjectBytes());
        plainObjects = new StixObjectBytes(keep, limits.maxObjectBytes());
      } else if (first != JsonToken.START_OBJECT) {
        throw new KasaException(
            ErrorCode.INVALID_INPUT, source + ": not a STIX bundle (does not start with '{')");
      }
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /**
   * The deepest nesting the parser is shown unchanged. An object is depth 3 of a bundle (bundle,
   * {@code objects}, object) and depth 2 of a run; the reader rejects anything that opens at object
   * depth {@code maxDepth + 1}, and a bundle property at bundle depth {@code maxDepth + 2}, so
   * capping there loses nothing the reader would accept, and the parser never nests deeper than
   * {@code maxDepth + 3}.
   */
  static int nestingCap(StixReaderLimits limits, boolean run) {
    return limits.maxDepth() + (run ? 1 : 2);
  }

  private static boolean isRun(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return b == '[';
      }
    }
    return false;
  }

  /**
   * Where a piece of a bundle comes from: its first element's index, and the shift from the piece's
   * lines (and columns of its first line) to those of the whole input.
   */
  record Origin(int firstIndex, int lineShift, int columnShift) {}

  public StixReader(InputStream in, String source) {
    this(in, source, StixReaderLimits.DEFAULT);
  }

  /**
   * The next element of {@code objects}, or null at the end of the bundle.
   *
   * @throws KasaException {@link ErrorCode#INVALID_INPUT} when the JSON itself is malformed (the
   *     rest of the bundle cannot be read)
   */
  public StixEntry next() {
    try {
      while (!done) {
        if (inObjects) {
          if (at >= 0) {
            StixEntry e = plain();
            if (e != null) {
              return e;
            }
            continue;
          }
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_ARRAY) {
            inObjects = false;
            continue;
          }
          StixEntry e = element(t);
          if (plain != null) {
            resumePlain();
          }
          return e;
        }
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_OBJECT || t == null) {
          done = true;
          break;
        }
        String name = parser.currentName();
        JsonStreamContext bundleContext = parser.getParsingContext();
        t = parser.nextToken();
        if (name.equals("objects") && t == JsonToken.START_ARRAY) {
          inObjects = true;
        } else if (name.equals("objects")) {
          bundleErrors.add(
              new Problem(
                  ErrorCode.INVALID_INPUT,
                  new StixLocation(null, null, "objects"),
                  "must be a list of objects but is " + kind(t) + "; not read"));
          parser.skipChildren();
        } else if (name.equals("id") && t == JsonToken.VALUE_STRING) {
          bundleId = parser.getText();
        } else if (name.equals("type") && t == JsonToken.VALUE_STRING) {
          if (!parser.getText().equals("bundle")) {
            throw new KasaException(
                ErrorCode.INVALID_INPUT,
                source + ": type is '" + parser.getText() + "', not 'bundle'");
          }
        } else {
          try {
            bundleOther.put(name, tree(t, 1));
          } catch (LimitExceeded e) {
            bundleErrors.add(
                new Problem(
                    ErrorCode.INVALID_INPUT,
                    new StixLocation(null, null, name),
                    e.getMessage() + "; property skipped"));
            skipTo(bundleContext);
          }
        }
      }
      return null;
    } catch (IOException e) {
      throw malformed(e);
    }
  }

  /** How many entries were handed out from the framer's (for tests and the parallel reader). */
  int framedEntries() {
    return framedEntries;
  }

  /** How many entries the byte path made (for tests). */
  int plainEntries() {
    return plainEntries;
  }

  /** How many entries the byte path for objects other than indicators made (for tests). */
  int plainObjectEntries() {
    return plainObjectEntries;
  }

  /** The bundle's id once read (it may come after {@code objects}); null when absent. */
  public String bundleId() {
    return bundleId;
  }

  /** The bundle's other properties read so far (all of them once {@link #next} returned null). */
  public Map<String, JsonNode> bundleOther() {
    return bundleOther;
  }

  /**
   * What was wrong with the bundle's own properties so far (all of it once {@link #next} returned
   * null), each naming the property as its path; the objects' errors are in their entries.
   */
  public List<Problem> bundleErrors() {
    return List.copyOf(bundleErrors);
  }

  /**
   * Reads a whole (small) bundle; rejected objects are left out and their errors added to {@code
   * errors}.
   */
  public static StixBundle readBundle(InputStream in, String source, List<Problem> errors) {
    try (var r = new StixReader(in, source)) {
      List<StixObject> objects = new ArrayList<>();
      for (StixEntry e = r.next(); e != null; e = r.next()) {
        if (e.isValid()) {
          objects.add(e.object());
        } else {
          errors.addAll(e.errors());
        }
      }
      return new StixBundle(r.bundleId(), objects, r.bundleOther());
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new KasaException(ErrorCode.IO_FAILURE, source + ": " + e.getMessage(), e);
    }
  }

  private StixEntry element(JsonToken t) throws IOException {
    int i = index++;
    String path = StixEntry.path(i);
    if (t != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return new StixEntry(
          i,
          null,
          null,
          List.of(
              new Problem(
                  ErrorCode.INVALID_INPUT,
                  new StixLocation(null, null, path),
                  "is not a JSON object")));
    }
    JsonStreamContext arrayContext = parser.getParsingContext().getParent();
    long start = offset(parser.currentTokenLocation());
    bag = null;
    try {
      // The first property decoded picks the path: an indicator's type takes the fast path, in a
      // method of its own, so that the JIT compiles it for indicators alone (a bundle's other
      // objects, often all after its indicators, would otherwise throw away the code compiled
      // for a million indicators and have it compiled again, general path included).
      String name = null;
      JsonToken v = null;
      for (JsonToken f = parser.nextToken(); f == JsonToken.FIELD_NAME; f = parser.nextToken()) {
        name = parser.currentName();
        v = parser.nextToken();
        if (keep.test(null, name)) {
          break;
        }
        parser.skipChildren();
        name = null;
      }
      if (name == null) {
        checkSize(start);
      } else if (indicatorFields != null
          && v == JsonToken.VALUE_STRING
          && name.equals("type")
          && parser.getText().equals(StixIndicator.TYPE)) {
        StixEntry made = indicator(i, path, start, parser.getText());
        if (made != null) {
          return made;
        }
      } else {
        String type = put(path, null, name, value(v));
        rest(path, start, type, 1);
      }
    } catch (LimitExceeded e) {
      if (bag == null) {
        bag = new PropertyBag(path);
      }
      bag.error(null, e.getMessage() + "; object skipped");
      skipTo(arrayContext);
      return new StixEntry(i, bag.id(), null, bag.errors());
    }
    if (bag == null) {
      bag = new PropertyBag(path);
    }
    return general(i, path, bag);
  }

  /**
   * The rest of an indicator object whose {@code type} was just read, on the fast path; null when
   * the object was handed over to the general path ({@link #bag} holds it, read to its end).
   */
  private StixEntry indicator(int i, String path, long start, String type) throws IOException {
    StixIndicatorFields fast = indicatorFields.reset();
    fast.take("type", type);
    int fields = 1;
    try {
      for (JsonToken f = parser.nextToken(); f == JsonToken.FIELD_NAME; f = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken v = parser.nextToken();
        if (!keep.test(type, name)) {
          parser.skipChildren();
          continue;
        }
        Object value = value(v);
        if (!fast.take(name, value)) {
          bag = fast.toBag(path);
          String now = put(path, type, name, value);
          rest(path, start, now, counted(start, fields));
          return null;
        }
        fields = counted(start, fields);
      }
      checkSize(start);
    } catch (LimitExceeded e) {
      if (bag == null) {
        bag = fast.toBag(path);
      }
      throw e;
    }
    StixEntry made = fast.entry(i);
    if (made == null) {
      bag = fast.toBag(path);
    }
    return made;
  }

  /**
   * Reads the rest of the object's properties into {@link #bag}; {@code fields} properties were
   * decoded so far, and {@code type} is the object's type as known so far (null: not seen).
   */
  private void rest(String path, long start, String type, int fields) throws IOException {
    for (JsonToken f = parser.nextToken(); f == JsonToken.FIELD_NAME; f = parser.nextToken()) {
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      if (!keep.test(type, name)) {
        parser.skipChildren();
        continue;
      }
      type = put(path, type, name, value(v));
      fields = counted(start, fields);
    }
    checkSize(start);
  }

  /** Counts one more decoded property, checking the object's size every 16 of them. */
  private int counted(long start, int fields) {
    if ((++fields & 15) == 0) {
      checkSize(start);
    }
    return fields;
  }

  /** Puts a decoded property into {@link #bag}; returns the object's type as now known. */
  private String put(String path, String type, String name, Object value) {
    if (bag == null) {
      bag = new PropertyBag(path);
    }
    if (value instanceof String s && name.equals("id")) {
      bag.id(s);
    }
    bag.put(name, value);
    return value instanceof String s && name.equals("type") ? s : type;
  }

  private Object value(JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case START_ARRAY -> array(2);
      default -> tree(v, 2);
    };
  }

  /** The entry of an object decoded into {@code bag}: assembled into its record and validated. */
  private static StixEntry general(int i, String path, PropertyBag bag) {
    StixObject o = StixRecordAssembler.assemble(bag);
    List<Problem> errors = bag.errors();
    if (o != null) {
      List<Problem> invalid = StixValidator.validate(o, path);
      if (!invalid.isEmpty()) {
        // A property already reported as malformed is not reported again as missing.
        var known = errors.stream().map(StixReader::pathOf).collect(Collectors.toSet());
        errors = new ArrayList<>(errors);
        for (Problem err : invalid) {
          if (!known.contains(pathOf(err))) {
            errors.add(err);
          }
        }
      }
    }
    return errors.isEmpty()
        ? new StixEntry(i, o.id(), o, List.of())
        : new StixEntry(i, bag.id(), null, errors);
  }

  private static String kind(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> String.valueOf(t);
    };
  }

  // Skips the rest of the value being read, up to the end of its element of `context`.
  private void skipTo(JsonStreamContext context) throws IOException {
    while (parser.getParsingContext() != context && parser.nextToken() != null) {
      parser.skipChildren();
    }
  }

  // An array of strings becomes a List<String>; any other array a JsonNode.
  private Object array(int depth) throws IOException {
    List<String> strings = new ArrayList<>(4);
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        ArrayNode a = NODES.arrayNode(strings.size() + 4);
        strings.forEach(a::add);
        a.add(tree(t, depth + 1));
        for (t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          a.add(tree(t, depth + 1));
        }
        return a;
      }
      strings.add(parser.getText());
    }
    return strings;
  }

  private JsonNode tree(JsonToken t, int depth) throws IOException {
    if (t == null) {
      throw new KasaException(ErrorCode.INVALID_INPUT, source + ": unexpected end of input");
    }
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth > limits.maxDepth()) {
      throw new LimitExceeded("nesting deeper than " + limits.maxDepth());
    }
    if ((t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)
        && parser.getTextLength() > MAX_NUMBER_CHARS) {
      throw new LimitExceeded("a number longer than " + MAX_NUMBER_CHARS + " characters");
    }
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        for (JsonToken f = parser.nextToken(); f == JsonToken.FIELD_NAME; f = parser.nextToken()) {
          String name = parser.currentName();
          o.set(name, tree(parser.nextToken(), depth + 1));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
          a.add(tree(e, depth + 1));
        }
        yield a;
      }
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default ->
          throw new KasaException(
              ErrorCode.INVALID_INPUT, source + ": unexpected JSON token " + t + " at " + where());
    };
  }

  private void checkSize(long start) {
    long size = offset(parser.currentLocation()) - start;
    if (size > limits.maxObjectBytes()) {
      throw new LimitExceeded("object larger than " + limits.maxObjectBytes() + " bytes");
    }
  }

  private static long offset(JsonLocation l) {
    long b = l.getByteOffset();
    return b >= 0 ? b : l.getCharOffset();
  }

  private String where() {
    JsonLocation l = parser.currentLocation();
    return "line " + line(l) + " column " + column(l);
  }

  private int line(JsonLocation l) {
    return l.getLineNr() + lineShift;
  }

  private int column(JsonLocation l) {
    return l.getLineNr() == 1 ? l.getColumnNr() + columnShift : l.getColumnNr();
  }

  /**
   * The next element on the byte path; null when the parser reads on from here ({@link #at} is then
   * -1) or the run has ended ({@link #done}).
   */
  private StixEntry plain() throws IOException {
    int p = blanks(at);
    if (p < length && bytes[p] == ']' && blanks(p + 1) == length) {
      at = -1;
      inObjects = false;
      done = true;
      return null;
    }
    boolean first = index == origin.firstIndex();
    int open = first ? lastOpen : p;
    int openLine = first ? lastOpenLine : line;
    int openLineStart = first ? lastOpenLineStart : lineStart;
    if (!first) {
      if (p >= length || bytes[p] != ',') {
        // Not an element next: the parser reads on after the last one, and reports it.
        handOver(lastOpen, lastOpenLine, lastOpenLineStart, true);
        return null;
      }
      p = blanks(p + 1);
    }
    StixEntry framedEntry = framed == null ? null : framed.take(index - origin.firstIndex(), p);
    if (framedEntry != null) {
      index++;
      framedEntries++;
      at = framed.end();
      lastOpen = open;
      lastOpenLine = openLine;
      lastOpenLineStart = openLineStart;
      return framedEntry;
    }
    if (StixIndicatorBytes.startsIndicator(bytes, p, length)) {
      StixEntry e = plain.read(bytes, p, length, index);
      if (e != null) {
        index++;
        plainEntries++;
        at = plain.end();
        lastOpen = open;
        lastOpenLine = openLine;
        lastOpenLineStart = openLineStart;
        return e;
      }
      declined = 64;
    } else if (StixObjectBytes.startsTyped(bytes, p, length)) {
      String path = StixEntry.path(index);
      PropertyBag read = plainObjects.read(bytes, p, length, path);
      if (read != null) {
        StixEntry e = general(index, path, read);
        index++;
        plainObjectEntries++;
        at = plainObjects.end();
        lastOpen = open;
        lastOpenLine = openLine;
        lastOpenLineStart = openLineStart;
        return e;
      }
      declined = 64;
    }
    // A new parser even before the first element, where the first one would do: most bundles
    // start with other objects, so that the JIT, compiling this for the indicators that follow,
    // has seen the hand-over taken and does not throw the code away at the first other object
    // after them (measured: the reader was compiled twice, 2.8 s of C2 in a cold load).
    handOver(open, openLine, openLineStart, false);
    return null;
  }

  /**
   * Has a new parser read on from {@code bytes[open]} (a comma or the '[' before an element, made a
   * '[' so that the parser reads the rest as an array), past the element after it when {@code
   * skipOne}.
   */
  private void handOver(int open, int openLine, int openLineStart, boolean skipOne)
      throws IOException {
    at = -1;
    parser.close();
    bytes[open] = '[';
    parser = FACTORY.createParser(bytes, open, length - open);
    parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    parserStart = open;
    parserLine = openLine;
    parserLineStart = openLineStart;
    lineShift = origin.lineShift() + openLine - 1;
    columnShift = (openLine == 1 ? origin.columnShift() : 0) + open - openLineStart;
    parser.nextToken();
    if (skipOne) {
      parser.nextToken();
      parser.skipChildren();
    }
  }

  /**
   * After an element the parser read: the byte path reads on when the next element starts with its
   * type.
   */
  private void resumePlain() {
    if (declined > 0 && framed == null) {
      declined--;
      return;
    }
    JsonStreamContext c = parser.getParsingContext();
    if (parser.currentToken() != JsonToken.END_OBJECT || !c.inArray() || !c.getParent().inRoot()) {
      return;
    }
    JsonLocation l = parser.currentLocation();
    int q = parserStart + (int) l.getByteOffset();
    int p = q;
    while (p < length && isBlank(bytes[p])) {
      p++;
    }
    if (p >= length || bytes[p] != ',') {
      return;
    }
    p++;
    while (p < length && isBlank(bytes[p])) {
      p++;
    }
    if (declined > 0) {
      // The parser reads on, unless the framer read the next element already.
      declined--;
      if (!framed.has(index - origin.firstIndex(), p)) {
        return;
      }
      declined = 0;
    }
    // Any object that starts with its type: an indicator's starts so too.
    if (StixObjectBytes.startsTyped(bytes, p, length)) {
      at = q;
      line = parserLine + l.getLineNr() - 1;
      lineStart = l.getLineNr() == 1 ? parserLineStart : q - l.getColumnNr() + 1;
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  // The first byte at or after p that is no blank; counts lines as the parser does (CR, LF and
  // CR LF are one break each).
  private int blanks(int p) {
    while (p < length) {
      byte c = bytes[p];
      if (c == ' ' || c == '\t') {
        p++;
      } else if (c == '\n') {
        line++;
        lineStart = ++p;
      } else if (c == '\r') {
        line++;
        p++;
        if (p < length && bytes[p] == '\n') {
          p++;
        }
        lineStart = p;
      } else {
        break;
      }
    }
    return p;
  }

  /** The JSON path of a problem this reader or the validator reported. */
  private static String pathOf(Problem p) {
    return p.where() instanceof StixLocation at ? at.jsonPath() : null;
  }

  private KasaException malformed(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
        && j.getLocation() != null) {
      JsonLocation l = j.getLocation();
      return new KasaException(
          ErrorCode.INVALID_INPUT,
          source
              + ": malformed JSON at line "
              + line(l)
              + " column "
              + column(l)
              + ": "
              + j.getOriginalMessage(),
          e);
    }
    return new KasaException(ErrorCode.IO_FAILURE, source + ": " + e.getMessage(), e);
  }

  private static final class LimitExceeded extends RuntimeException {
    LimitExceeded(String message) {
      super(message, null, false, false);
    }
  }
}
