package dev.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  private static final Path ERRORS_MD =
      Path.of(System.getProperty("kasa.root", ".."), "docs", "errors.md");

  @Test
  void everyCodeHasAUniqueKebabCaseLabelACategoryAndASeverity() {
    Set<String> labels = new HashSet<>();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.label()).as(code.name()).matches("[a-z]+(-[a-z]+)*");
      assertThat(labels.add(code.label())).as("label of " + code + " used twice").isTrue();
      assertThat(code.category()).as(code.name()).isNotNull();
      assertThat(code.severity()).as(code.name()).isNotNull();
    }
  }

  @Test
  void everyCategoryHasAnExitStatusOfTheCommandAndAnHttpErrorStatus() {
    for (ErrorCode.Category c : ErrorCode.Category.values()) {
      assertThat(c.exitStatus()).as(c.name()).isBetween(2, 4);
      assertThat(c.httpStatus()).as(c.name()).isBetween(400, 599);
    }
  }

  /**
   * The statuses commands ended with before the problem model (usage 2, incomplete run 3, bug 4)
   * and the node answered with (400, 413 for limits, 503, 500) stay what they were.
   */
  @Test
  void theCategoriesKeepTheStatusesCommandsAndTheNodeHaveAlwaysGiven() {
    Map<ErrorCode, List<Integer>> statuses = new EnumMap<>(ErrorCode.class);
    for (ErrorCode code : ErrorCode.values()) {
      statuses.put(code, List.of(code.category().exitStatus(), code.category().httpStatus()));
    }
    assertThat(statuses)
        .containsEntry(ErrorCode.USAGE, List.of(2, 400))
        .containsEntry(ErrorCode.UNREADABLE_INPUT, List.of(2, 400))
        .containsEntry(ErrorCode.INVALID_INPUT, List.of(3, 400))
        .containsEntry(ErrorCode.MALFORMED_RECORD, List.of(3, 400))
        .containsEntry(ErrorCode.BAD_CONDITION, List.of(3, 400))
        .containsEntry(ErrorCode.LIMIT_EXCEEDED, List.of(3, 413))
        .containsEntry(ErrorCode.TOO_LARGE, List.of(3, 413))
        .containsEntry(ErrorCode.IO_FAILURE, List.of(3, 503))
        .containsEntry(ErrorCode.WRITE_FAILED, List.of(3, 503))
        .containsEntry(ErrorCode.NOT_FOUND, List.of(2, 404))
        .containsEntry(ErrorCode.UNAUTHENTICATED, List.of(2, 401))
        .containsEntry(ErrorCode.FORBIDDEN, List.of(2, 403))
        .containsEntry(ErrorCode.CONFLICT, List.of(2, 409))
        .containsEntry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, List.of(2, 415))
        .containsEntry(ErrorCode.NOT_ACCEPTABLE, List.of(2, 406))
        .containsEntry(ErrorCode.INTERNAL, List.of(4, 500));
  }

  /**
   * Every reason code reports printed before the problem model is still a label, so {@code kasa
   * rules check} groups and {@code kasa scan} counts under the same names.
   */
  @Test
  void theReasonCodesReportsPrintedAreStillLabels() {
    Set<String> labels =
        Arrays.stream(ErrorCode.values()).map(ErrorCode::label).collect(Collectors.toSet());
    assertThat(labels)
        .contains(
            "bad-attribute",
            "bad-cidr",
            "bad-condition",
            "bad-correlation",
            "bad-detection",
            "bad-document",
            "bad-filter",
            "bad-modifier-combination",
            "bad-number",
            "bad-regex",
            "bad-timespan",
            "bad-value",
            "correlation-cycle",
            "deprecated-aggregation",
            "duplicate-id",
            "duplicate-key",
            "internal-error",
            "limit-exceeded",
            "missing-condition",
            "missing-field",
            "missing-logsource",
            "missing-rules",
            "missing-title",
            "regex-too-large",
            "too-deep",
            "too-large",
            "too-many-expansions",
            "unknown-modifier",
            "unknown-placeholder",
            "unknown-rule-reference",
            "unsupported-regex",
            "yaml-syntax",
            "yaml-tag",
            // the intel kinds, as the scan summary named them
            "invalid",
            "unreadable");
    assertThat(ErrorCode.INVALID_INPUT.label()).isEqualTo("invalid");
    assertThat(ErrorCode.UNREADABLE_INPUT.label()).isEqualTo("unreadable");
  }

  @Test
  void correlationCyclesHaveOneCode() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::label))
        .contains("correlation-cycle")
        .doesNotContain("cyclic-correlation");
  }

  @Test
  void theDocumentedTableListsEveryCategoryWithItsStatusesAndEveryCodeInItsCategory()
      throws IOException {
    Map<ErrorCode.Category, List<String>> rows = new EnumMap<>(ErrorCode.Category.class);
    for (String line : Files.readAllLines(ERRORS_MD)) {
      List<String> cells = cells(line);
      if (cells.size() != 4 || !cells.get(0).matches("`[A-Z_]+`")) {
        continue;
      }
      ErrorCode.Category category = ErrorCode.Category.valueOf(unquote(cells.get(0)));
      assertThat(rows.put(category, cells)).as(category + " listed twice").isNull();
      assertThat(cells.get(2)).as(category + " exit status").isEqualTo("" + category.exitStatus());
      assertThat(cells.get(3)).as(category + " HTTP status").isEqualTo("" + category.httpStatus());
      Set<String> documented =
          Arrays.stream(cells.get(1).split(","))
              .map(String::strip)
              .map(ErrorCodeTest::unquote)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      Set<String> codes =
          Arrays.stream(ErrorCode.values())
              .filter(code -> code.category() == category)
              .map(ErrorCode::label)
              .collect(Collectors.toCollection(LinkedHashSet::new));
      assertThat(documented).as(category + " codes").containsExactlyInAnyOrderElementsOf(codes);
    }
    assertThat(rows.keySet()).containsExactlyInAnyOrder(ErrorCode.Category.values());
  }

  private static List<String> cells(String line) {
    String t = line.strip();
    if (!t.startsWith("|") || !t.endsWith("|")) {
      return List.of();
    }
    return Arrays.stream(t.substring(1, t.length() - 1).split("\\|")).map(String::strip).toList();
  }

  private static String unquote(String cell) {
    return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
  }
}
