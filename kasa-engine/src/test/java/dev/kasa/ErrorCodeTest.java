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
    assertThat(ErrorCode.Category.USER_ERROR.exitStatus()).isEqualTo(2);
    assertThat(ErrorCode.Category.INTERNAL.exitStatus()).isEqualTo(4);
    assertThat(ErrorCode.Category.INTERNAL.httpStatus()).isEqualTo(500);
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
