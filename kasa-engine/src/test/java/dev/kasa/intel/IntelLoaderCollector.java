package dev.kasa.intel;

import dev.kasa.ErrorCode;
import dev.kasa.Problem;
import java.util.ArrayList;
import java.util.List;

/** Test sink that keeps everything it receives, in order. */
final class IntelLoaderCollector implements IntelSink {
  final List<Indicator> indicators = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  @Override
  public void indicator(Indicator indicator) {
    indicators.add(indicator);
  }

  @Override
  public void problem(Problem problem) {
    problems.add(problem);
  }

  List<String> values() {
    return indicators.stream().map(Indicator::value).toList();
  }

  Indicator byValue(String value) {
    return indicators.stream()
        .filter(i -> i.value().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no indicator " + value + " in " + values()));
  }

  List<Problem> problems(ErrorCode code) {
    return problems.stream().filter(p -> p.code() == code).toList();
  }
}
